package awsapi

import (
	"strings"
	"testing"
)

// TestScrubBySecretShape (issue 24): members are removed by the shape of
// their names, not only from a fixed list: an ALB listener's OIDC
// ClientSecret (elbv2 AuthenticateOidcConfig) and any *Password, *Token,
// *PrivateKey, *PreSharedKey at any depth; the rest of the listener stays.
func TestScrubBySecretShape(t *testing.T) {
	listener := map[string]any{
		"LoadBalancerListeners": []any{map[string]any{
			"ListenerArn": "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/a/1/2",
			"Port":        443,
			"DefaultActions": []any{map[string]any{
				"Type": "authenticate-oidc",
				"AuthenticateOidcConfig": map[string]any{
					"ClientId": "netverify", "ClientSecret": "s3cr3t-oidc", "TokenEndpoint": "https://idp.example.com/token",
					"Issuer": "https://idp.example.com",
				},
			}},
			"Tunnel":  map[string]any{"PreSharedKey": "psk-1", "TunnelInsideCidr": "169.254.10.0/30"},
			"Db":      map[string]any{"MasterUserPassword": "pw-1", "Engine": "postgres"},
			"Session": map[string]any{"SessionToken": "tok-1", "TlsPrivateKey": "key-1"},
		}},
	}
	data, err := encode(listener)
	if err != nil {
		t.Fatal(err)
	}
	out := string(data)
	for _, secret := range []string{"s3cr3t-oidc", "psk-1", "pw-1", "tok-1", "key-1", "ClientSecret", "TokenEndpoint"} {
		if strings.Contains(out, secret) {
			t.Errorf("%q survived scrubbing:\n%s", secret, out)
		}
	}
	for _, kept := range []string{"ClientId", "Issuer", "TunnelInsideCidr", "postgres", `"Port": 443`} {
		if !strings.Contains(out, kept) {
			t.Errorf("%q was removed:\n%s", kept, out)
		}
	}
}
