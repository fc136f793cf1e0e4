package scenarios

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"net/netip"
	"strconv"
	"strings"

	"github.com/netverify/netverify/model"
)

// conv turns a decoded Document into a Snapshot, collecting every problem.
type conv struct {
	file string
	doc  *Document
	s    *model.Snapshot
	ds   model.Diagnostics
	ids  map[string]pos               // every ID defined in the file, where first
	idOf map[*Common]string           // the ID chosen for each resource
	kind map[*Common]string           // its kind, for messages
	loc  map[string]map[string]string // kind -> name or ID -> ID (this file only)
}

func (c *conv) src(p pos) model.Source { return model.Source{File: c.file, Line: p.Line, Col: p.Col} }

func (c *conv) errf(p pos, format string, args ...any) {
	c.ds.Errorf(c.src(p), "", format, args...)
}

// common gives doc types access to their embedded Common.
func (cm *Common) common() *Common { return cm }

type hasCommon interface{ common() *Common }

func commons[T any, P interface {
	*T
	hasCommon
}](xs []T) []*Common {
	out := make([]*Common, len(xs))
	for i := range xs {
		out[i] = P(&xs[i]).common()
	}
	return out
}

// idRule says how a kind's ID is made when only a name is given.
type idRule struct {
	kind   string
	prefix string // "vpc-"; "" means the name itself is the ID
	list   []*Common
}

func (c *conv) idRules() []idRule {
	d := c.doc
	return []idRule{
		{"account", "", commons(d.Accounts)}, {"region", "", commons(d.Regions)},
		{"availability-zone", "", commons(d.AvailabilityZones)}, {"vpc", "vpc-", commons(d.VPCs)},
		{"subnet", "subnet-", commons(d.Subnets)}, {"route-table", "rtb-", commons(d.RouteTables)},
		{"prefix-list", "pl-", commons(d.PrefixLists)}, {"network-acl", "acl-", commons(d.NetworkACLs)},
		{"security-group", "sg-", commons(d.SecurityGroups)}, {"network-interface", "eni-", commons(d.NetworkInterfaces)},
		{"instance", "i-", commons(d.Instances)}, {"internet-gateway", "igw-", commons(d.InternetGateways)},
		{"egress-only-internet-gateway", "eigw-", commons(d.EgressOnlyInternetGateways)},
		{"nat-gateway", "nat-", commons(d.NATGateways)}, {"elastic-ip", "eipalloc-", commons(d.ElasticIPs)},
		{"vpc-endpoint", "vpce-", commons(d.VPCEndpoints)}, {"endpoint-service", "vpce-svc-", commons(d.EndpointServices)},
		{"peering-connection", "pcx-", commons(d.PeeringConnections)}, {"transit-gateway", "tgw-", commons(d.TransitGateways)},
		{"transit-gateway-attachment", "tgw-attach-", commons(d.TransitGatewayAttachments)},
		{"transit-gateway-route-table", "tgw-rtb-", commons(d.TransitGatewayRouteTables)},
		{"vpn-gateway", "vgw-", commons(d.VPNGateways)}, {"customer-gateway", "cgw-", commons(d.CustomerGateways)},
		{"vpn-connection", "vpn-", commons(d.VPNConnections)}, {"dx-gateway", "dxgw-", commons(d.DirectConnectGateways)},
		{"virtual-interface", "dxvif-", commons(d.VirtualInterfaces)}, {"load-balancer", "lb", commons(d.LoadBalancers)},
		{"target-group", "tg", commons(d.TargetGroups)}, {"lambda-function", "", commons(d.LambdaFunctions)},
		{"rest-api", "api", commons(d.RestAPIs)}, {"http-api", "api", commons(d.HTTPAPIs)},
		{"vpc-link", "vpclink-", commons(d.VPCLinks)}, {"domain-name", "domain", commons(d.DomainNames)},
		{"hosted-zone", "Z", commons(d.HostedZones)}, {"resolver-endpoint", "rslvr", commons(d.ResolverEndpoints)},
		{"resolver-rule", "rslvr-rr-", commons(d.ResolverRules)},
		{"dns-firewall-domain-list", "rslvr-fdl-", commons(d.FirewallDomainLists)},
		{"dns-firewall-rule-group", "rslvr-frg-", commons(d.FirewallRuleGroups)},
		{"dns-firewall-association", "rslvr-frgassoc-", commons(d.FirewallAssociations)},
		{"dns-firewall-config", "rslvr-fc-", commons(d.FirewallConfigs)},
		{"route53-profile", "rp-", commons(d.Profiles)}, {"route53-profile-association", "rpassoc-", commons(d.ProfileAssociations)},
		{"onprem-site", "", commons(d.Sites)},
		{"dns-server", "", commons(d.DNSServers)}, {"client", "", commons(d.Clients)},
		{"network-firewall", "nfw-", commons(d.NetworkFirewalls)}, {"firewall-policy", "nfwpol-", commons(d.NetworkFirewallPolicies)},
		{"firewall-rule-group", "nfwrg-", commons(d.NetworkFirewallRuleGroups)},
	}
}

// register gives every resource its ID (written, or made from its name) and
// records names, so references within the file resolve; duplicate IDs are errors.
func (c *conv) register() {
	for _, r := range c.idRules() {
		for i, cm := range r.list {
			id := cm.ID
			if id == "" {
				id = c.makeID(r, i, cm)
			}
			if id == "" {
				c.errf(cm.at, "this %s needs an id or a name", r.kind)
				continue
			}
			if first, dup := c.ids[id]; dup {
				c.errf(cm.of("id"), "duplicate id %q: already defined on line %d", id, first.Line)
				continue
			}
			c.ids[id] = cm.of("id")
			c.idOf[cm], c.kind[cm] = id, r.kind
			c.name(r.kind, id, id)
			if cm.Name != "" {
				c.name(r.kind, cm.Name, id)
			}
		}
	}
}

func (c *conv) name(kind, key, id string) {
	if c.loc[kind] == nil {
		c.loc[kind] = map[string]string{}
	}
	if prev, ok := c.loc[kind][key]; ok && prev != id {
		c.loc[kind][key] = "" // ambiguous: leave the reference for Validate to report
		return
	}
	c.loc[kind][key] = id
}

// makeID derives a stable ID from the name: "vpc-" + slug, or a hash where
// AWS IDs have a fixed shape (API IDs, hosted zones, ARNs).
func (c *conv) makeID(r idRule, i int, cm *Common) string {
	if cm.Name == "" {
		return ""
	}
	d := c.doc
	switch r.kind {
	case "load-balancer":
		short := map[string]string{"application": "app", "network": "net", "gateway": "gwy"}[d.LoadBalancers[i].Type]
		return fmt.Sprintf("arn:aws:elasticloadbalancing:%s:%s:loadbalancer/%s/%s/%s", c.region(cm), c.account(cm), short, cm.Name, hash(16, cm.Name))
	case "target-group":
		return fmt.Sprintf("arn:aws:elasticloadbalancing:%s:%s:targetgroup/%s/%s", c.region(cm), c.account(cm), cm.Name, hash(16, cm.Name))
	case "rest-api", "http-api":
		return base36(10, r.kind+cm.Name)
	case "hosted-zone":
		return "Z" + strings.ToUpper(base36(20, cm.Name))
	case "resolver-endpoint":
		return "rslvr-" + strings.ToLower(strings.TrimSuffix(d.ResolverEndpoints[i].Direction, "BOUND")) + "-" + slug(cm.Name)
	case "domain-name":
		if dn := d.DomainNames[i].DomainName; dn != "" {
			return dn
		}
	}
	if r.prefix == "" {
		return cm.Name
	}
	if s := slug(cm.Name); strings.HasPrefix(s, r.prefix) {
		return s // a route table named rtb-web is rtb-web, not rtb-rtb-web
	}
	return r.prefix + slug(cm.Name)
}

func hash(n int, s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])[:n]
}

func base36(n int, s string) string {
	h := sha256.Sum256([]byte(s))
	t := new(big.Int).SetBytes(h[:]).Text(36)
	return t[:n]
}

// slug makes a name usable in an ID: lower case, letters, digits and dashes.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func (c *conv) account(cm *Common) string {
	if cm.Account != "" {
		return cm.Account
	}
	return c.doc.Defaults.Account
}

func (c *conv) region(cm *Common) string {
	if cm.Region != "" {
		return cm.Region
	}
	return c.doc.Defaults.Region
}

// meta builds the Meta of a resource; the ID was chosen by register.
func (c *conv) meta(cm *Common) model.Meta {
	m := model.Meta{ID: c.idOf[cm], Account: c.account(cm), Region: c.region(cm), Name: cm.Name, Source: c.src(cm.at)}
	m.SetTags(cm.Tags)
	return m
}

// ok reports whether the resource got an ID (it did not when it had neither id nor name).
func (c *conv) ok(cm *Common) bool { return c.idOf[cm] != "" }

// ref resolves a reference to a resource of kind within this file; anything
// else is left as written, for model.Validate to resolve across sources.
func (c *conv) ref(kind, s string) string {
	if id := c.loc[kind][s]; id != "" {
		return id
	}
	return s
}

func (c *conv) refs(kind string, ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = c.ref(kind, s)
	}
	return out
}

// prefix parses a CIDR; key names the field in p for the error position.
func (c *conv) prefix(p *Pos, key, s string) (netip.Prefix, bool) {
	pf, err := netip.ParsePrefix(strings.TrimSpace(s))
	if err != nil && strings.TrimSpace(s) == "" {
		c.errf(p.of(key), "%s is missing: it needs a CIDR block (such as 10.0.0.0/16)", key)
		return netip.Prefix{}, false
	}
	if err != nil {
		c.errf(p.of(key), "%s: %q is not a CIDR block (write it like 10.0.0.0/16)", key, s)
		return netip.Prefix{}, false
	}
	if pf.Masked() != pf {
		c.errf(p.of(key), "%s: %q has host bits set; the network is %s", key, s, pf.Masked())
		return netip.Prefix{}, false
	}
	return pf, true
}

func (c *conv) prefixes(p *Pos, key string, ss []string) []netip.Prefix {
	var out []netip.Prefix
	for i, s := range ss {
		if pf, ok := c.prefix(p, key+"."+strconv.Itoa(i), s); ok {
			out = append(out, pf)
		}
	}
	return out
}

// optPrefix parses a CIDR when one is written.
func (c *conv) optPrefix(p *Pos, key, s string) netip.Prefix {
	if s == "" {
		return netip.Prefix{}
	}
	pf, _ := c.prefix(p, key, s)
	return pf
}

func (c *conv) addr(p *Pos, key, s string) netip.Addr {
	if s == "" {
		return netip.Addr{}
	}
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil {
		c.errf(p.of(key), "%s: %q is not an IP address", key, s)
	}
	return a
}

func (c *conv) addrs(p *Pos, key string, ss []string) []netip.Addr {
	var out []netip.Addr
	for i, s := range ss {
		if a := c.addr(p, key+"."+strconv.Itoa(i), s); a.IsValid() {
			out = append(out, a)
		}
	}
	return out
}

// ports parses 443, "1024-65535", "all" or "" (all).
func (c *conv) ports(p *Pos, key string, s Ports) (model.PortRange, bool) {
	v := strings.TrimSpace(string(s))
	if v == "" || v == "all" || v == "-1" || v == "*" {
		return model.AllPorts, true
	}
	lo, hi, isRange := strings.Cut(v, "-")
	from, err1 := strconv.Atoi(strings.TrimSpace(lo))
	to, err2 := from, error(nil)
	if isRange {
		to, err2 = strconv.Atoi(strings.TrimSpace(hi))
	}
	if err1 != nil || err2 != nil || from < 0 || to > 65535 || from > to {
		c.errf(p.of(key), "%s: %q is not a port or port range (write 443, \"1024-65535\" or all; ports are 0-65535)", key, v)
		return model.PortRange{}, false
	}
	return model.PortRange{From: uint16(from), To: uint16(to)}, true
}

// proto parses a protocol; without one, rules with ports mean TCP and rules
// without ports mean every protocol.
func (c *conv) proto(p *Pos, s string, ports Ports) model.Protocol {
	if s == "" {
		if ports != "" && ports != "all" {
			return model.ProtoTCP
		}
		return model.ProtoAll
	}
	pr, err := model.ParseProtocol(s)
	if err != nil {
		c.errf(p.of("proto"), "proto: %v", err)
	}
	return pr
}

func (c *conv) port(p *Pos, key string, n int) uint16 {
	if n < 0 || n > 65535 {
		c.errf(p.of(key), "%s: %d is not a port (0-65535)", key, n)
		return 0
	}
	return uint16(n)
}

func boolOr(b *bool, def bool) bool {
	if b == nil {
		return def
	}
	return *b
}

func icmp(t, code *int) model.ICMPMatch {
	m := model.AnyICMP
	if t != nil {
		m.Type = *t
	}
	if code != nil {
		m.Code = *code
	}
	return m
}

func (c *conv) oneOf(p pos, what string, set ...string) bool {
	n := 0
	for _, s := range set {
		if s != "" {
			n++
		}
	}
	if n != 1 {
		c.errf(p, "%s", what)
		return false
	}
	return true
}
