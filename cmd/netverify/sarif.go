package main

import (
	"encoding/json"
	"io"
	"strings"

	"github.com/netverify/netverify/model"
)

// SARIF 2.1.0 (OASIS), the part code scanning reads: one run of the tool
// "netverify", a rule per intent kind, a result per intent that fails
// (level error) or is unknown (level warning), located at the intent.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string       `json:"id"`
	Name             string       `json:"name"`
	ShortDescription sarifMessage `json:"shortDescription"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID     string            `json:"ruleId"`
	RuleIndex  int               `json:"ruleIndex"`
	Kind       string            `json:"kind"`
	Level      string            `json:"level"`
	Message    sarifMessage      `json:"message"`
	Locations  []sarifLocation   `json:"locations,omitempty"`
	Properties map[string]string `json:"properties,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
}

// sarifRules are the intent kinds, in a fixed order (ruleIndex points here).
var sarifRules = []sarifRule{
	{ID: string(model.IntentCanReach), Name: "CanReach", ShortDescription: sarifMessage{"A connection the intent says must work does not (or its path misses a required component)."}},
	{ID: string(model.IntentCannotReach), Name: "CannotReach", ShortDescription: sarifMessage{"A connection the intent says must be impossible is possible."}},
	{ID: string(model.IntentResolvesTo), Name: "ResolvesTo", ShortDescription: sarifMessage{"A DNS name does not resolve to the addresses the intent expects."}},
	{ID: string(model.IntentOnlyPorts), Name: "OnlyPorts", ShortDescription: sarifMessage{"The reachable ports differ from the exact set the intent lists."}},
}

func sarifReport(rs []intentResult) sarifLog {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "netverify", Version: currentVersion(),
			InformationURI: "https://github.com/netverify/netverify", Rules: sarifRules,
		}},
		Results: []sarifResult{},
	}
	for _, r := range rs {
		if r.Pass {
			continue
		}
		res := sarifResult{
			RuleID: r.Kind, RuleIndex: ruleIndex(r.Kind), Kind: "fail", Level: "error",
			Message:    sarifMessage{Text: sarifText(r)},
			Properties: map[string]string{"status": r.Status, "intent": r.Intent, "got": r.Got},
		}
		if r.Status == statusUnknown {
			res.Level = "warning"
		}
		if r.pos.File != "" {
			loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: r.pos.File}}}
			if r.pos.Line > 0 {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: r.pos.Line, StartColumn: r.pos.Col}
			}
			res.Locations = []sarifLocation{loc}
		}
		run.Results = append(run.Results, res)
	}
	return sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
}

func ruleIndex(kind string) int {
	for i, r := range sarifRules {
		if r.ID == kind {
			return i
		}
	}
	return 0
}

func sarifText(r intentResult) string {
	s := r.Intent + ": " + mark(r.Status) + " (" + r.Got + ")"
	if d := strings.TrimSpace(r.details()); d != "" {
		s += "\n" + d
	}
	return s
}

func writeSARIF(w io.Writer, rs []intentResult) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifReport(rs))
}
