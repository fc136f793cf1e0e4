package model

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// suricataKeywords are the rule options netverify understands (R7.44):
// the others leave the rule's verdict unknown.
var suricataKeywords = map[string]bool{"sid": true, "msg": true, "rev": true, "flow": true, "classtype": true, "metadata": true}

// ParseSuricata reads one Suricata-compatible rule of the common subset:
// action (pass, drop, reject, alert), protocol (ip, tcp, udp, icmp),
// addresses (any, a CIDR, a [list], $VARIABLE from vars), ports (any, N,
// N:M, a [list]), direction (-> or <>) and the options sid, msg, rev, flow
// (to_server, to_client, established), classtype, metadata (R7.44). Any
// other option sets Unsupported. A rule that does not have this shape is an
// error.
func ParseSuricata(text string, vars map[string][]netip.Prefix) (NFWRule, error) {
	r := NFWRule{Text: text}
	head, opts, _ := strings.Cut(text, "(")
	f := strings.Fields(head)
	if len(f) != 7 {
		return r, fmt.Errorf("suricata rule %q: want action proto src sport direction dst dport (options)", text)
	}
	r.Action = strings.ToLower(f[0])
	switch r.Action {
	case "pass", "drop", "reject", "alert":
	default:
		return r, fmt.Errorf("suricata rule %q: action %q is not pass, drop, reject or alert", text, f[0])
	}
	var err error
	switch strings.ToLower(f[1]) {
	case "ip":
		r.Match.Proto = ProtoAll
	case "tcp", "udp", "icmp":
		r.Match.Proto, _ = ParseProtocol(f[1])
	default:
		r.Unsupported = "protocol " + f[1]
		r.Match.Proto = ProtoAll
	}
	if r.Match.Src, err = suricataAddrs(f[2], vars); err != nil {
		return r, fmt.Errorf("suricata rule %q: %w", text, err)
	}
	if r.Match.SrcPorts, err = suricataPorts(f[3]); err != nil {
		return r, fmt.Errorf("suricata rule %q: %v", text, err)
	}
	switch f[4] {
	case "->":
	case "<>":
		r.Bidirectional = true
	default:
		return r, fmt.Errorf("suricata rule %q: direction %q is not -> or <>", text, f[4])
	}
	if r.Match.Dst, err = suricataAddrs(f[5], vars); err != nil {
		return r, fmt.Errorf("suricata rule %q: %w", text, err)
	}
	if r.Match.DstPorts, err = suricataPorts(f[6]); err != nil {
		return r, fmt.Errorf("suricata rule %q: %v", text, err)
	}
	for _, o := range strings.Split(strings.TrimSuffix(strings.TrimSpace(opts), ")"), ";") {
		k, v, _ := strings.Cut(strings.TrimSpace(o), ":")
		k = strings.ToLower(strings.TrimSpace(k))
		if k == "" {
			continue
		}
		switch {
		case k == "sid":
			r.SID = strings.TrimSpace(v)
		case k == "flow":
			for _, fl := range strings.Split(v, ",") {
				switch strings.TrimSpace(fl) {
				case "to_server", "from_client", "established", "stateless", "":
				default:
					// to_client and the rest would need the flow's state
					if r.Unsupported == "" {
						r.Unsupported = "flow:" + strings.TrimSpace(v)
					}
				}
			}
		case !suricataKeywords[k] && r.Unsupported == "":
			r.Unsupported = "keyword " + k
		}
	}
	return r, nil
}

// UndefinedVariableError: a rule names a $VARIABLE the variables given do not define.
type UndefinedVariableError struct{ Name string }

func (e *UndefinedVariableError) Error() string {
	return fmt.Sprintf("variable %s is not defined by the policy", e.Name)
}

// IsUndefinedVariable reports whether err says a $VARIABLE is not defined.
func IsUndefinedVariable(err error) bool {
	var u *UndefinedVariableError
	return errors.As(err, &u)
}

func suricataAddrs(s string, vars map[string][]netip.Prefix) ([]netip.Prefix, error) {
	if strings.EqualFold(s, "any") {
		return nil, nil
	}
	var out []netip.Prefix
	for _, t := range strings.Split(strings.Trim(s, "[]"), ",") {
		t = strings.TrimSpace(t)
		switch {
		case strings.HasPrefix(t, "!"):
			return nil, fmt.Errorf("negated address %q is not supported", t)
		case strings.HasPrefix(t, "$"):
			ps, ok := vars[strings.TrimPrefix(t, "$")]
			if !ok {
				return nil, &UndefinedVariableError{Name: t}
			}
			out = append(out, ps...)
		default:
			p, err := netip.ParsePrefix(t)
			if err != nil {
				a, err2 := netip.ParseAddr(t)
				if err2 != nil {
					return nil, fmt.Errorf("address %q is not any, a CIDR, an address or a $VARIABLE", t)
				}
				p = netip.PrefixFrom(a, a.BitLen())
			}
			out = append(out, p)
		}
	}
	return out, nil
}

func suricataPorts(s string) ([]PortRange, error) {
	if strings.EqualFold(s, "any") {
		return nil, nil
	}
	var out []PortRange
	for _, t := range strings.Split(strings.Trim(s, "[]"), ",") {
		a, b, isRange := strings.Cut(strings.TrimSpace(t), ":")
		from, err := strconv.ParseUint(a, 10, 16)
		if err != nil {
			return nil, fmt.Errorf("port %q is not any, N, N:M or a [list]", t)
		}
		to := from
		if isRange {
			if to, err = strconv.ParseUint(b, 10, 16); err != nil {
				return nil, fmt.Errorf("port %q is not any, N, N:M or a [list]", t)
			}
		}
		out = append(out, PortRange{uint16(from), uint16(to)})
	}
	return out, nil
}
