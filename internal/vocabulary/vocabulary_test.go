package vocabulary

import "testing"

func TestKey(t *testing.T) {
	for in, want := range map[string]string{
		"Config Push": "config-push", "config_push": "config-push", " config--push ": "config-push",
		"Monitoring gap.": "monitoring-gap", "can't": "cant", "": "", "Déploiement": "déploiement",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLookupAndSuggest(t *testing.T) {
	f := Builtin(Factors)
	if term, ok := f.Lookup("Missing alert"); !ok || term.Name != "monitoring-gap" {
		t.Errorf("alias lookup: %v %v", term, ok)
	}
	if _, ok := f.Lookup("monitorng-gap"); ok {
		t.Error("a misspelling matched")
	}
	if s := f.Suggest("monitorng-gap"); s != "monitoring-gap" {
		t.Errorf("Suggest = %q", s)
	}
	if s := f.Suggest("dependancy"); s != "dependency" {
		t.Errorf("Suggest = %q", s)
	}
	if s := f.Suggest("kubernetes"); s != "" {
		t.Errorf("Suggest of an unrelated word = %q", s)
	}
	var none *List
	if _, ok := none.Lookup("x"); ok || none.Suggest("x") != "" || none.Len() != 0 || none.Names() != nil {
		t.Error("a nil list must know nothing")
	}
}

func TestClassify(t *testing.T) {
	f := Builtin(Factors)
	for text, want := range map[string]string{
		"A single point of failure introduced during the setup of the platform": "architecture",
		"No connection pool configuration in Railway Redis":                     "scale",
		"Lack of connection monitoring/alerting":                                "monitoring-gap",
		"The deploy skipped the canary; no staged rollout":                      "deployment-planning",
		"Packet loss between the two zones for an hour":                         "network-failure",
	} {
		if got, ok := f.Classify(text); !ok || got.Name != want {
			t.Errorf("Classify(%q) = %q, want %q", text, got.Name, want)
		}
	}
	if got, ok := f.Classify("The vault's fee was set to zero"); ok {
		t.Errorf("Classify filed unrelated text under %q", got.Name)
	}
}

func TestBuiltinListsAreConsistent(t *testing.T) {
	for _, kind := range []string{Triggers, Factors} {
		l := Builtin(kind)
		if !l.Builtin || l.Len() == 0 {
			t.Fatalf("%s: no built-in list", kind)
		}
		for _, term := range l.Terms {
			if Key(term.Name) != term.Name {
				t.Errorf("%s: %q is not in its canonical form %q", kind, term.Name, Key(term.Name))
			}
			if term.Description == "" || term.Source == "" {
				t.Errorf("%s: %q needs a description and a source", kind, term.Name)
			}
			if got, ok := l.Lookup(term.Name); !ok || got.Name != term.Name {
				t.Errorf("%s: %q does not look itself up (an alias of another term shadows it)", kind, term.Name)
			}
		}
	}
	if Builtin(Services) != nil {
		t.Error("there is no built-in service list")
	}
}
