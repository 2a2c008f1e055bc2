package stats

import (
	"reflect"
	"testing"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
	"github.com/postmortem-cli/postmortem/internal/vocabulary"
)

func TestGroupByCatalogueKeys(t *testing.T) {
	words := vocabulary.Default()
	words.Services = vocabulary.NewList([]vocabulary.Term{{Name: "checkout", Aliases: []string{"cart"}}, {Name: "search"}})
	mk := func(services []string, trigger string, factors ...string) Incident {
		doc := &document.Document{Version: 1, Date: "2024-12-04", Services: services, Trigger: trigger,
			Timeline: []document.Event{{Time: "10:00", Event: "a", Milestone: "started"}, {Time: "10:30", Event: "b", Milestone: "resolved"}}}
		for _, f := range factors {
			doc.ContributingFactors = append(doc.ContributingFactors, document.Factor{Term: f})
		}
		return NewIncident("f.yaml", doc)
	}
	incs := []Incident{
		mk([]string{"checkout", "Cart"}, "Config Push", "monitoring-gap", "Missing alert"),
		mk([]string{"search", "checkout"}, "a cron job", "scale"),
		mk(nil, "", "scale"),
	}
	if got := GroupKeys(incs[0], "service", words); !reflect.DeepEqual(got, []string{"checkout"}) {
		t.Errorf("an alias and its term count once: %q", got)
	}
	if got := GroupKeys(incs[0], "factor", words); !reflect.DeepEqual(got, []string{"monitoring-gap"}) {
		t.Errorf("factor keys %q", got)
	}
	if got := GroupKeys(incs[0], "trigger", words); !reflect.DeepEqual(got, []string{"config-push"}) {
		t.Errorf("trigger keys %q", got)
	}
	if got := GroupKeys(incs[2], "service", words); !reflect.DeepEqual(got, []string{NoSeverity}) {
		t.Errorf("no services: %q", got)
	}
	rep := Aggregate(incs, Options{By: "service", Vocabulary: words})
	var keys []string
	var counts []int
	for _, g := range rep.Groups {
		keys, counts = append(keys, g.Key), append(counts, g.Incidents)
	}
	if !reflect.DeepEqual(keys, []string{"checkout", "search", "(none)"}) || !reflect.DeepEqual(counts, []int{2, 1, 1}) {
		t.Errorf("groups %q %v: most frequent first, (none) last", keys, counts)
	}
	if ttr := rep.Groups[0].Metrics[4]; ttr.Count != 2 || ttr.Median != 30*time.Minute {
		t.Errorf("time to resolve of checkout: %+v", ttr)
	}
	if !Overlapping("service") || Overlapping("trigger") || Overlapping("month") {
		t.Error("Overlapping")
	}
}
