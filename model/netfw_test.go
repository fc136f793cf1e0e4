package model

import (
	"net/netip"
	"strings"
	"testing"
)

// TestParseSuricataSubset follows R7.44: the 5-tuple, $VARIABLES, flow
// and sid are read; another keyword marks the rule unsupported (its verdict
// is unknown, naming the sid); a rule of another shape is an error.
func TestParseSuricataSubset(t *testing.T) {
	vars := map[string][]netip.Prefix{"HOME_NET": {netip.MustParsePrefix("10.0.0.0/16")}}
	r, err := ParseSuricata(`pass tcp $HOME_NET any -> [203.0.113.0/24,198.51.100.7] [443,8000:8100] (msg:"web"; flow:to_server,established; sid:42; rev:1;)`, vars)
	if err != nil || r.Unsupported != "" || r.SID != "42" || r.Action != "pass" {
		t.Fatalf("rule %+v, err %v", r, err)
	}
	src, dst := netip.MustParseAddr("10.0.1.5"), netip.MustParseAddr("198.51.100.7")
	if !r.Match.Matches(ProtoTCP, src, dst, 40000, 8050) || r.Match.Matches(ProtoTCP, src, dst, 40000, 22) || r.Match.Matches(ProtoUDP, src, dst, 40000, 443) {
		t.Errorf("5-tuple of %q matched wrongly", r.Text)
	}
	r, err = ParseSuricata(`drop tcp any any -> any 80 (content:"GET"; sid:7;)`, vars)
	if err != nil || r.Unsupported != "keyword content" || r.SID != "7" {
		t.Errorf("rule with content: %+v, err %v", r, err)
	}
	for _, bad := range []string{`drop tcp any any => any 22 (sid:9;)`, `drop tcp !10.0.0.0/8 any -> any 22 (sid:9;)`, `drop tcp $EXTERNAL_NET any -> any 22 (sid:9;)`, `block tcp any any -> any 22 (sid:9;)`} {
		if _, err := ParseSuricata(bad, vars); err == nil || !strings.Contains(err.Error(), "suricata rule") {
			t.Errorf("%s: want an error, got %v", bad, err)
		}
	}
}
