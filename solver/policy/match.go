package policy

import "strings"

// globMatch reports whether s matches pattern p, where * matches any run of
// characters (slashes and colons included) and ? exactly one character. It
// backtracks only to the last star, so it runs in O(len(p)*len(s)) at worst.
func globMatch(p, s string) bool {
	pr, sr := []rune(p), []rune(s)
	pi, si, star, mark := 0, 0, -1, 0
	for si < len(sr) {
		switch {
		case pi < len(pr) && (pr[pi] == '?' || pr[pi] == sr[si]) && pr[pi] != '*':
			pi, si = pi+1, si+1
		case pi < len(pr) && pr[pi] == '*':
			star, mark = pi, si
			pi++
		case star >= 0:
			mark++
			pi, si = star+1, mark
		default:
			return false
		}
	}
	for pi < len(pr) && pr[pi] == '*' {
		pi++
	}
	return pi == len(pr)
}

// globFold is globMatch ignoring case, as IAM matches actions.
func globFold(p, s string) bool { return globMatch(strings.ToLower(p), strings.ToLower(s)) }

// arnLike matches an ARN pattern component by component, so a * in the
// region or account does not run into the next component (ArnLike,
// ArnEquals). A pattern that is not a six-part ARN is matched whole.
func arnLike(p, s string) bool {
	pf := strings.SplitN(p, ":", 6)
	if len(pf) < 6 {
		return globMatch(p, s)
	}
	sf := strings.SplitN(s, ":", 6)
	if len(sf) < 6 {
		return false
	}
	for i := range pf {
		if !globMatch(pf[i], sf[i]) {
			return false
		}
	}
	return true
}

// shorthandPrefix is how API Gateway lets a policy name the API it is
// attached to: "execute-api:/prod/GET/*".
const shorthandPrefix = "execute-api:/"

// apiARN is the request resource up to and including the API ID
// (arn:aws:execute-api:REGION:ACCOUNT:APIID), against which the shorthand is
// expanded.
func apiARN(resource string) (string, bool) {
	f := strings.SplitN(resource, ":", 6)
	if len(f) != 6 || f[0] != "arn" || f[2] != "execute-api" || f[5] == "" {
		return "", false
	}
	if rest, ok := strings.CutPrefix(f[5], "/domainnames/"); ok {
		// A private custom domain name's own policy: the shorthand is
		// relative to the domain name ARN (R9.9).
		name, _, _ := strings.Cut(rest, "/")
		return strings.Join(f[:5], ":") + ":/domainnames/" + name, name != ""
	}
	id, _, _ := strings.Cut(f[5], "/")
	if id == "" {
		return "", false
	}
	return strings.Join(f[:5], ":") + ":" + id, true
}

// expandResource turns the shorthand into a full ARN pattern; ok is false
// when the request resource is not an execute-api ARN.
func expandResource(pattern, resource string) (string, bool) {
	if !strings.HasPrefix(pattern, shorthandPrefix) {
		return pattern, true
	}
	base, ok := apiARN(resource)
	if !ok {
		return "", false
	}
	return base + pattern[len(shorthandPrefix)-1:], true
}
