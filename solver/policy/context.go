package policy

import "strings"

// supportedKeys are the condition keys this package knows the meaning of
// when they are absent from a request (R7.17, R9.10): absence is then an
// answer, not a gap in our knowledge.
var supportedKeys = map[string]bool{
	"aws:sourcevpce":       true,
	"aws:sourcevpc":        true,
	"aws:sourceip":         true,
	"aws:vpcsourceip":      true,
	"aws:principalorgid":   true,
	"aws:principalaccount": true,
	"aws:principalarn":     true,
	"aws:sourcearn":        true,
	"aws:sourceaccount":    true,
}

// context is a request's condition keys, lower-cased.
type context map[string]string

// newContext copies the request's keys and derives aws:PrincipalAccount and
// aws:PrincipalArn from the caller when the request does not set them.
func newContext(r Request) context {
	c := context{}
	for k, v := range r.Context {
		c[strings.ToLower(k)] = v
	}
	if acct := accountOf(r.Principal); acct != "" {
		c.setDefault("aws:principalaccount", acct)
	}
	if strings.HasPrefix(r.Principal, "arn:") {
		if role, ok := sessionRole(r.Principal); ok {
			c.setDefault("aws:principalarn", "arn:aws:iam::"+role[0]+":role/"+role[1])
		} else {
			c.setDefault("aws:principalarn", r.Principal)
		}
	}
	return c
}

func (c context) setDefault(k, v string) {
	if _, ok := c[k]; !ok {
		c[k] = v
	}
}

// known reports whether absence of the key can be decided: the key is one
// we model or the caller supplied it.
func (c context) known(key string) bool {
	k := strings.ToLower(key)
	_, present := c[k]
	return present || supportedKeys[k]
}

func (c context) get(key string) (string, bool) {
	v, ok := c[strings.ToLower(key)]
	return v, ok
}
