// Package incidentgen writes folders of realistic generated postmortems
// for tests and benchmarks: a dozen families of incidents that recur (a
// checkout timeout after a configuration push, a certificate that
// expired, a queue that backed up ...), each with its services, trigger,
// contributing factors and its own words for the root cause, spread over
// three years, with timelines, milestones and action items. The same
// seed gives the same folder.
package incidentgen

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/postmortem-cli/postmortem/internal/document"
)

// Family is a kind of incident that keeps coming back.
type Family struct {
	Name     string
	Title    string
	Services []string
	Trigger  string
	Factors  []document.Factor
	// Causes are sentences of the root cause; each report takes some.
	Causes []string
	// Summary opens each report's summary.
	Summary string
	Tags    []string
}

// Families are the built-in kinds of incident.
var Families = []Family{
	{"checkout-timeout", "Checkout payments time out", []string{"checkout", "payments"}, "config-push",
		[]document.Factor{{Term: "change", Note: "the payment client timeout was lowered"}, {Term: "deployment-planning", Note: "the change skipped the canary"}},
		[]string{"A configuration push lowered the payment client timeout from 30 seconds to 3 seconds.", "Card authorisations that take longer than three seconds were abandoned by the checkout service.", "The configuration change was not canaried and went to every region at once."},
		"Card payments failed at checkout because the payment client gave up too early.", []string{"customer-facing", "pci"}},
	{"db-failover", "Orders database failover drops writes", []string{"orders-db", "orders"}, "hardware",
		[]document.Factor{{Term: "hardware", Note: "the primary's disk failed"}, {Term: "software-bug", Note: "the driver does not retry on failover"}},
		[]string{"The primary database host lost its disk and the replica was promoted.", "The orders service kept its connections to the old primary and every write failed until it was restarted.", "The database driver does not reconnect after a failover."},
		"Orders could not be placed while the database failed over to its replica.", []string{"data"}},
	{"cert-expiry", "TLS certificate expires on the API gateway", []string{"api-gateway"}, "capacity-management",
		[]document.Factor{{Term: "monitoring-gap", Note: "no alert on certificate expiry"}, {Term: "development-process", Note: "renewal was a manual step"}},
		[]string{"The TLS certificate of the public API gateway expired at midnight.", "Renewal was a manual calendar task and the owner had left the team.", "Nothing alerted on the expiry date."},
		"Every API client got TLS handshake errors after the gateway certificate expired.", []string{"customer-facing", "security"}},
	{"queue-backlog", "Notification queue backs up", []string{"notifications", "queue"}, "user-behavior-change",
		[]document.Factor{{Term: "scale", Note: "consumers did not autoscale"}, {Term: "complex-system-behavior", Note: "retries doubled the load"}},
		[]string{"A marketing campaign tripled the notification volume within minutes.", "The queue consumers run a fixed number of workers and the backlog grew for two hours.", "Failed sends were retried immediately, which doubled the load on the broker."},
		"Emails and push notifications were delayed by up to two hours.", []string{"marketing"}},
	{"dns-outage", "Internal DNS stops resolving", []string{"dns", "search"}, "service-provider-change",
		[]document.Factor{{Term: "dependency", Note: "the resolver provider changed its limits"}, {Term: "network-failure"}},
		[]string{"The managed resolver started rejecting queries above a new per-second limit.", "Search pods could not resolve the index cluster and returned errors.", "The provider announced the limit change in an email nobody read."},
		"Search returned errors because internal names stopped resolving.", nil},
	{"cache-stampede", "Product pages slow after cache flush", []string{"catalog", "cache"}, "binary-push",
		[]document.Factor{{Term: "complex-system-behavior", Note: "a cache stampede"}, {Term: "architecture", Note: "no request coalescing"}},
		[]string{"A deploy flushed the product cache and every request went to the catalog database at once.", "The database saturated its connection pool and product pages took ten seconds to load.", "Cache misses are not coalesced, so each miss queries the database."},
		"Product pages loaded slowly for forty minutes after a deploy.", []string{"performance"}},
	{"disk-full", "Log volume fills the disk on the ingest nodes", []string{"ingest", "logging"}, "performance-decay",
		[]document.Factor{{Term: "scale", Note: "log retention outgrew the volume"}, {Term: "monitoring-gap", Note: "disk alerts were muted"}},
		[]string{"Debug logging left on after an investigation filled the ingest nodes' disks.", "The ingest service stopped accepting events when the volume was full.", "Disk usage alerts had been muted during a migration and never turned back on."},
		"Events were dropped for an hour because the ingest disks were full.", []string{"data"}},
	{"bad-migration", "Schema migration locks the accounts table", []string{"accounts"}, "binary-push",
		[]document.Factor{{Term: "change", Note: "a blocking schema migration"}, {Term: "development-process", Note: "migrations are not tested on production-sized data"}},
		[]string{"A release ran a schema migration that rewrote the accounts table under an exclusive lock.", "Logins and sign-ups waited on the lock for twenty minutes.", "Migrations are reviewed but never run against a production-sized copy."},
		"Logins failed while a migration held a lock on the accounts table.", []string{"customer-facing"}},
	{"memory-leak", "Recommendation service leaks memory", []string{"recommendations"}, "binary-push",
		[]document.Factor{{Term: "software-bug", Note: "a listener was never removed"}, {Term: "monitoring-gap"}},
		[]string{"A new release registered an event listener per request and never removed it.", "The recommendation pods grew until the kernel killed them for using too much memory.", "Restarts hid the leak for three days."},
		"Recommendations were missing from the home page while pods restarted in a loop.", nil},
	{"provider-outage", "Payment provider outage", []string{"payments"}, "service-provider-change",
		[]document.Factor{{Term: "dependency", Note: "the card processor was down"}, {Term: "architecture", Note: "no second processor"}},
		[]string{"The card processor had a regional outage and declined every authorisation.", "There is no fallback processor, so checkout could not take card payments.", "The status page of the processor lagged behind by thirty minutes."},
		"Card payments were declined while the payment processor was down.", []string{"customer-facing", "vendor"}},
	{"flag-flip", "Feature flag exposes unfinished search", []string{"search", "web"}, "config-push",
		[]document.Factor{{Term: "change", Note: "a flag was flipped for everyone"}, {Term: "development-process", Note: "no review for flag changes"}},
		[]string{"A feature flag meant for the staff cohort was flipped for all visitors.", "The unfinished search page returned empty results for filtered queries.", "Flag changes need no review and apply globally."},
		"Search results were empty for filtered queries after a feature flag change.", nil},
	{"network-partition", "Zone partition splits the cluster", []string{"cluster", "orders"}, "hardware",
		[]document.Factor{{Term: "network-failure", Note: "packet loss between zones"}, {Term: "architecture", Note: "quorum spans two zones"}},
		[]string{"A faulty switch caused heavy packet loss between two availability zones.", "The coordination cluster lost quorum and the orders service could not elect a leader.", "Quorum is spread over two zones only, so losing one stops writes."},
		"Orders stopped being processed while the cluster had no leader.", []string{"data"}},
}

// filler is prose every report has, which says nothing about which
// incident it was: what a similarity search must see past.
var filler = []string{
	"The on-call engineer was paged and joined the incident channel.",
	"Dashboards showed the error rate rising in every region.",
	"The team rolled back and watched the graphs recover.",
	"Customers contacted support while the team investigated.",
	"We posted updates on the status page every thirty minutes.",
}

// Words of the details each report adds about its own incident: which
// host, region, customer, version, error and queue. Real reports name
// such things, and they give a folder's vocabulary the long tail real
// text has (a few words everywhere, most words in a few reports), which
// is what a search over thousands of reports meets.
var (
	hosts     = strings.Fields("api db cache worker web edge batch ingest auth billing search queue proxy gateway scheduler")
	regions   = strings.Fields("us-east-1 us-west-2 eu-west-1 eu-central-1 ap-southeast-2 ap-northeast-1 sa-east-1")
	customers = strings.Fields("acme globex initech umbrella hooli vehement stark wayne wonka soylent tyrell cyberdyne")
	verbs     = strings.Fields("restarted drained rebalanced throttled paged scaled pinned rolled patched evicted quarantined reindexed")
	nouns     = strings.Fields("shard replica partition lease certificate pool socket thread heap disk inode bucket topic lock index")
)

// detail is one sentence about this incident in particular, from a
// vocabulary whose word frequencies fall off as in real text (Zipf).
func detail(rng *rand.Rand, z *rand.Zipf) string {
	word := func(ws []string) string { return ws[int(z.Uint64())%len(ws)] }
	return fmt.Sprintf("On %s-%d in %s the %s %s-%d was %s after %s reported error E%d in build %d.%d.%d.",
		word(hosts), rng.Intn(40), word(regions), word(nouns), word(nouns), rng.Intn(200), word(verbs),
		word(customers), 1000+int(z.Uint64())%9000, 1+rng.Intn(3), rng.Intn(30), rng.Intn(100))
}

// Doc is generated incident i of a folder of n: its family, date and
// details vary with i and the seed.
func Doc(rng *rand.Rand, i, n int) (*document.Document, Family) {
	f := Families[rng.Intn(len(Families))]
	start := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	day := start.AddDate(0, 0, i*3*365/max(n, 1)+rng.Intn(3))
	at := day.Add(time.Duration(6+rng.Intn(14))*time.Hour + time.Duration(rng.Intn(60))*time.Minute)
	doc := &document.Document{Version: 1, Date: day.Format(time.DateOnly), Status: "final",
		Title:    fmt.Sprintf("%s (%s)", f.Title, day.Format("Jan 2006")),
		Severity: fmt.Sprintf("SEV-%d", 1+rng.Intn(3)),
		Authors:  []string{[]string{"Ana Lima", "Bo Chen", "Cy Okafor", "Dee Park"}[rng.Intn(4)]},
		Services: pickN(rng, f.Services, 1), Trigger: f.Trigger, Tags: f.Tags,
		ContributingFactors: pickFactors(rng, f.Factors)}
	doc.Summary = f.Summary + " " + filler[rng.Intn(len(filler))] + "\n"
	z := rand.NewZipf(rng, 1.2, 2, 9000)
	doc.RootCause = strings.Join(pickN(rng, f.Causes, 2), " ") + " " + detail(rng, z) + "\n"
	doc.Detection = "An alert on the error rate paged the on-call engineer.\n"
	doc.Response = filler[rng.Intn(len(filler))] + " " + detail(rng, z) + "\n"
	doc.Resolution = "The team rolled back the change and confirmed recovery.\n"
	doc.Prevention = "See the action items.\n"
	det := 1 + rng.Intn(20)
	ack := det + 1 + rng.Intn(10)
	mit := ack + 5 + rng.Intn(60)
	res := mit + rng.Intn(120)
	ev := func(min int, text, milestone string) document.Event {
		return document.Event{Time: at.Add(time.Duration(min) * time.Minute).Format(time.RFC3339), Event: text, Milestone: milestone}
	}
	doc.Timeline = []document.Event{
		ev(0, "Errors start", "started"), ev(det, "Alert fires", "detected"), ev(ack, "On-call acknowledges the page", "acknowledged"),
		ev(mit, "Change rolled back", "mitigated"), ev(res, "Error rate back to normal", "resolved"),
	}
	due := day.AddDate(0, 0, 14+rng.Intn(60))
	status := []string{"open", "done", "in-progress", "done"}[rng.Intn(4)]
	doc.ActionItems = []document.ActionItem{
		{Description: "Add an alert for " + f.Name, Owner: doc.Authors[0], Due: due.Format(time.DateOnly), Status: status},
		{Description: "Write a runbook for " + strings.ToLower(f.Title), Owner: "SRE", Due: due.AddDate(0, 1, 0).Format(time.DateOnly)},
	}
	return doc, f
}

// pickN keeps at least min of vals, in order, each with even odds.
func pickN(rng *rand.Rand, vals []string, least int) []string {
	var out []string
	for _, v := range vals {
		if rng.Intn(3) > 0 {
			out = append(out, v)
		}
	}
	for i := 0; len(out) < least && i < len(vals); i++ {
		out = append(out, vals[i])
	}
	return out
}

func pickFactors(rng *rand.Rand, fs []document.Factor) []document.Factor {
	var out []document.Factor
	for _, f := range fs {
		if rng.Intn(4) > 0 {
			out = append(out, f)
		}
	}
	if len(out) == 0 {
		out = fs[:1]
	}
	return out
}

// Write writes n generated postmortems under dir as YAML documents named
// DATE-FAMILY-NNNNN.yaml, and returns their paths in order.
func Write(dir string, n int, seed int64) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewSource(seed))
	paths := make([]string, 0, n)
	for i := 0; i < n; i++ {
		doc, f := Doc(rng, i, n)
		data, err := document.Marshal(doc)
		if err != nil {
			return nil, err
		}
		p := filepath.Join(dir, fmt.Sprintf("%s-%s-%05d.yaml", doc.Date, f.Name, i))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
}
