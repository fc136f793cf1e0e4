package policy

// tri is a three-valued truth: a statement may be undecidable offline.
type tri int8

const (
	no tri = iota
	yes
	maybe
)

// result is a tri with its explanation and the constructs that made it maybe.
type result struct {
	t           tri
	why         string
	unsupported []string
}

// and combines results: any no wins (a definite no needs no explanation of
// the others), then any maybe, else yes with every explanation.
func and(rs ...result) result {
	out := result{t: yes}
	var whys []string
	for _, r := range rs {
		switch r.t {
		case no:
			return r
		case maybe:
			out.t = maybe
			out.unsupported = appendUnique(out.unsupported, r.unsupported...)
		}
		if r.why != "" {
			whys = append(whys, r.why)
		}
	}
	if out.t == yes {
		out.why = joinAnd(whys)
	}
	return out
}

func appendUnique(list []string, add ...string) []string {
	for _, a := range add {
		if !contains(list, a) {
			list = append(list, a)
		}
	}
	return list
}

func joinAnd(parts []string) string {
	s := ""
	for i, p := range parts {
		if i > 0 {
			s += " and "
		}
		s += p
	}
	return s
}
