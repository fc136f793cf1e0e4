package awsapi

import "strings"

// secretMembers are members whose values may hold secrets or that carry only
// SDK bookkeeping; they are removed, at any depth, before a file is written.
// None of them is read by importers/awsjson.
var secretMembers = map[string]bool{
	"Environment":                  true, // Lambda environment variables
	"CustomerGatewayConfiguration": true, // VPN: XML with the tunnels' pre-shared keys
	"PreSharedKey":                 true, // VPN TunnelOptions
	"AuthKey":                      true, // Direct Connect BGP MD5 key
	"Variables":                    true, // API Gateway stage variables
	"RequestParameters":            true, // API Gateway integrations: may hold static credentials
	"RequestTemplates":             true, // API Gateway integrations: VTL may embed credentials
	"ResultMetadata":               true, // SDK metadata, not an AWS field
}

// secretWords remove, by the shape of its name, any member that may hold a
// secret although no list names it: an ALB listener's OIDC ClientSecret, a
// database's MasterUserPassword, a session token, a private key. The match
// ignores case; awsjson reads no member whose name holds one of them.
var secretWords = []string{"secret", "password", "token", "privatekey", "presharedkey"}

// isSecret reports whether the member k is removed before writing.
func isSecret(k string) bool {
	if secretMembers[k] {
		return true
	}
	l := strings.ToLower(k)
	for _, w := range secretWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// scrub removes secret members from a decoded JSON tree, in place, and the
// null members the SDK types carry for every unset field (the CLI omits them).
func scrub(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if isSecret(k) || x == nil {
				delete(t, k)
				continue
			}
			t[k] = scrub(x)
		}
	case []any:
		for i, x := range t {
			t[i] = scrub(x)
		}
	}
	return v
}
