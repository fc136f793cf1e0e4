package model

import (
	"encoding/json"
	"net/netip"
	"testing"
)

// FuzzSuricata (issue 24: every parser fuzzed): any rule text is read as a
// rule of the subset (R7.44) or refused with an error, never a panic; a rule
// that is read keeps its text, so an unknown verdict can name it.
func FuzzSuricata(f *testing.F) {
	for _, s := range []string{
		`drop tcp $HOME_NET any -> any 22 (msg:"no ssh"; sid:1; rev:1;)`,
		`pass tls $HOME_NET any -> any 443 (tls.sni; content:"example.com"; endswith; sid:2;)`,
		`alert ip [10.0.0.0/8,!10.1.0.0/16] [1024:65535,!2000] <> any any (flow:to_server,established; sid:3;)`,
		`reject udp any any -> $EXTERNAL_NET 53 (sid:4; metadata: a b;)`,
	} {
		f.Add(s)
	}
	vars := map[string][]netip.Prefix{"HOME_NET": {netip.MustParsePrefix("10.0.0.0/16")}}
	f.Fuzz(func(t *testing.T, text string) {
		r, err := ParseSuricata(text, vars)
		if err == nil && r.Text != text {
			t.Fatalf("rule %q read with text %q", text, r.Text)
		}
	})
}

// FuzzWAFStatement: any JSON object is read as a WAF statement (R9.21)
// without a panic, whatever the nesting and the types of its members.
func FuzzWAFStatement(f *testing.F) {
	for _, s := range []string{
		`{"IPSetReferenceStatement":{"ARN":"arn:aws:wafv2:us-east-1:111111111111:regional/ipset/ok/1"}}`,
		`{"GeoMatchStatement":{"CountryCodes":["CN","RU"]}}`,
		`{"NotStatement":{"Statement":{"OrStatement":{"Statements":[{"GeoMatchStatement":{"CountryCodes":["US"]}},{"ByteMatchStatement":{}}]}}}}`,
		`{"and_statement":[{"statement":[{"ip_set_reference_statement":[{"arn":"x","ip_set_forwarded_ip_config":[{"header_name":"X-Forwarded-For"}]}]}]}]}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		var m map[string]any
		if json.Unmarshal([]byte(text), &m) != nil {
			return
		}
		_ = ParseWAFStatement(m)
	})
}
