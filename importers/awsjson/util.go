package awsjson

import (
	"net/netip"
	"regexp"
	"strings"

	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"

	"github.com/netverify/netverify/model"
)

var regionPrefixRE = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+`)

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func boolv(p *bool) bool { return p != nil && *p }

func i32(p *int32, def int) int {
	if p == nil {
		return def
	}
	return int(*p)
}

func i64(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// ec2Tags turns EC2 tags into a map (nil when there are none).
func ec2Tags(ts []ec2types.Tag) map[string]string {
	if len(ts) == 0 {
		return nil
	}
	m := make(map[string]string, len(ts))
	for _, t := range ts {
		m[str(t.Key)] = str(t.Value)
	}
	return m
}

// prefix parses a CIDR, reporting an unusable one as a warning at src.
func (c *fileCtx) prefix(s string, src model.Source, id, field string) (netip.Prefix, bool) {
	if s == "" {
		return netip.Prefix{}, false
	}
	p, err := netip.ParsePrefix(strings.TrimSpace(s))
	if err != nil {
		c.diags.Warnf(src, id, "%s: %s %q is not a CIDR block; ignored", id, field, s)
		return netip.Prefix{}, false
	}
	return p, true
}

// addr parses an IP address, reporting an unusable one as a warning at src.
func (c *fileCtx) addr(s string, src model.Source, id, field string) (netip.Addr, bool) {
	if s == "" {
		return netip.Addr{}, false
	}
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil {
		c.diags.Warnf(src, id, "%s: %s %q is not an IP address; ignored", id, field, s)
		return netip.Addr{}, false
	}
	return a, true
}

func appendUnique(xs []string, s string) []string {
	if s == "" {
		return xs
	}
	for _, x := range xs {
		if x == s {
			return xs
		}
	}
	return append(xs, s)
}

// baseName is the file name without directory and extension.
func baseName(path string) string {
	b := path
	if i := strings.LastIndexAny(b, `/\`); i >= 0 {
		b = b[i+1:]
	}
	return strings.TrimSuffix(b, b[strings.LastIndex(b+".", "."):])
}

// normName lowercases and drops everything but letters and digits, so
// "apigateway_get-rest-apis.ex1" and "ApiGatewayRestApis" compare by words.
func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}
