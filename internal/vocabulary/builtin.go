package vocabulary

// The built-in lists. Their names are drawn from two published
// taxonomies, credited in docs/catalogue.md:
//
//   - The Site Reliability Workbook (O'Reilly, 2018), Appendix C,
//     "Results of Postmortem Analysis": Table C-1, the top eight outage
//     triggers at Google, and Table C-2, the top root-cause categories.
//   - Atlassian's Incident Management Handbook, "Categories of causes
//     and their actions": bug, change, scale, architecture, dependency,
//     unknown.
//
// Two factors are this project's own: monitoring-gap (the most common
// finding of a Detection section, which neither list names) and other.
// Aliases are the everyday words import uses to file a written factor.

import "sync"

const (
	srcWorkbookTriggers = "The Site Reliability Workbook, Appendix C, Table C-1"
	srcWorkbookCauses   = "The Site Reliability Workbook, Appendix C, Table C-2"
	srcAtlassian        = "Atlassian Incident Management Handbook, categories of causes"
	srcProject          = "postmortem"
)

// The lists are made on first use.
var builtinTriggers = sync.OnceValue(func() *List {
	l := NewList([]Term{
		{Name: "binary-push", Description: "a new build of the software was rolled out", Source: srcWorkbookTriggers,
			Aliases: []string{"binary push", "code push", "deploy", "deployment", "release", "new release", "new version", "rollout", "code change"}},
		{Name: "config-push", Description: "a configuration change was rolled out (flags, settings, infrastructure definitions)", Source: srcWorkbookTriggers,
			Aliases: []string{"configuration push", "config change", "configuration change", "feature flag", "flag flip", "config update"}},
		{Name: "user-behavior-change", Description: "users did something new or much more of it: a traffic spike, a new usage pattern", Source: srcWorkbookTriggers,
			Aliases: []string{"user behaviour change", "traffic spike", "traffic surge", "load spike", "usage spike", "hug of death"}},
		{Name: "processing-pipeline", Description: "a batch or data pipeline run produced or consumed something unexpected", Source: srcWorkbookTriggers,
			Aliases: []string{"pipeline", "batch job", "data pipeline", "cron job", "scheduled job"}},
		{Name: "service-provider-change", Description: "a vendor or upstream provider changed or failed", Source: srcWorkbookTriggers,
			Aliases: []string{"provider change", "vendor change", "third party change", "upstream change", "provider outage", "vendor outage"}},
		{Name: "performance-decay", Description: "performance degraded slowly until a limit was crossed", Source: srcWorkbookTriggers,
			Aliases: []string{"performance degradation", "slow degradation", "gradual slowdown"}},
		{Name: "capacity-management", Description: "capacity ran out or was planned wrong: quotas, disks, pools, instances", Source: srcWorkbookTriggers,
			Aliases: []string{"capacity", "out of capacity", "quota", "disk full", "resource exhaustion"}},
		{Name: "hardware", Description: "a machine, disk, network device or data centre failed", Source: srcWorkbookTriggers,
			Aliases: []string{"hardware failure", "disk failure", "node failure", "instance failure", "power outage"}},
	})
	l.Builtin = true
	return l
})

var builtinFactors = sync.OnceValue(func() *List {
	l := NewList([]Term{
		{Name: "software-bug", Description: "a defect in the software: a latent bug, a regression", Source: srcWorkbookCauses + "; " + srcAtlassian,
			Aliases: []string{"software", "bug", "defect", "regression", "latent bug", "code bug", "null pointer", "exception", "off by one", "memory leak"}},
		{Name: "change", Description: "a change other than code: configuration, infrastructure, data, permissions", Source: srcAtlassian,
			Aliases: []string{"config change", "configuration change", "configuration push", "config push", "infrastructure change", "migration", "schema change", "misconfiguration"}},
		{Name: "deployment-planning", Description: "how the change was rolled out: no canary, no staged rollout, no rollback plan", Source: srcWorkbookCauses,
			Aliases: []string{"deployment", "rollout", "no canary", "canary", "staged rollout", "rollback", "rollback plan", "release process"}},
		{Name: "development-process", Description: "how the change was made: missing tests, review or staging that did not catch it", Source: srcWorkbookCauses,
			Aliases: []string{"development process failure", "testing", "missing test", "missing tests", "insufficient testing", "no tests", "test coverage", "code review", "staging", "false negatives"}},
		{Name: "scale", Description: "the system did not scale to the load: capacity, limits, pools, quotas", Source: srcAtlassian + "; " + srcWorkbookTriggers,
			Aliases: []string{"capacity", "load", "high load", "concurrent load", "traffic", "overload", "out of memory", "oom", "connection pool", "quota", "rate limit", "limit", "resource exhaustion", "disk full", "scaling"}},
		{Name: "architecture", Description: "the design did not fit how it runs: a single point of failure, missing redundancy", Source: srcAtlassian,
			Aliases: []string{"design", "single point of failure", "spof", "no redundancy", "redundancy", "high availability", "ha", "coupling", "tight coupling"}},
		{Name: "dependency", Description: "a third-party or upstream service failed or changed", Source: srcAtlassian + "; " + srcWorkbookTriggers,
			Aliases: []string{"third party", "vendor", "provider", "service provider", "upstream", "external service", "cloud provider", "aws", "gcp", "azure", "ec2"}},
		{Name: "complex-system-behavior", Description: "components interacted in a way nobody foresaw: cascades, races, retry storms", Source: srcWorkbookCauses,
			Aliases: []string{"complex system behaviour", "complex system", "emergent behavior", "cascading failure", "cascade", "race condition", "race", "feedback loop", "thundering herd", "retry storm", "deadlock", "timeout"}},
		{Name: "network-failure", Description: "the network failed: DNS, routing, load balancers, packet loss, partitions", Source: srcWorkbookCauses,
			Aliases: []string{"network", "dns", "routing", "bgp", "packet loss", "network partition", "partition", "load balancer", "connectivity", "latency"}},
		{Name: "hardware", Description: "a machine, disk or device failed", Source: srcWorkbookTriggers,
			Aliases: []string{"hardware failure", "disk failure", "node failure", "instance failure", "server failure", "power"}},
		{Name: "monitoring-gap", Description: "the problem was not detected, or detected late: a missing or silent alert, a blind spot", Source: srcProject,
			Aliases: []string{"monitoring", "alerting", "missing alert", "no alert", "no alerting", "lack of monitoring", "observability", "logging", "detection", "blind spot"}},
		{Name: "unknown", Description: "the cause could not be determined; the action is to be able to diagnose it next time", Source: srcAtlassian,
			Aliases: []string{"undetermined", "unclear", "not determined", "unknown cause"}},
		{Name: "other", Description: "none of the above; say what in the note", Source: srcProject},
	})
	l.Builtin = true
	return l
})
