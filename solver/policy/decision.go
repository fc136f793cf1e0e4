package policy

// Effect is the outcome of evaluating a policy for one request.
type Effect int

const (
	ImplicitDeny Effect = iota // no statement allows the request
	Allow                      // an Allow statement applies and no Deny does
	ExplicitDeny               // a Deny statement applies
	Unknown                    // an undecidable statement could change the outcome
)

var effectNames = [...]string{"implicit deny", "allow", "explicit deny", "unknown"}

func (e Effect) String() string {
	if e < 0 || int(e) >= len(effectNames) {
		return "unknown"
	}
	return effectNames[e]
}

// MarshalText makes effects readable in JSON output.
func (e Effect) MarshalText() ([]byte, error) { return []byte(e.String()), nil }

// Allowed reports whether the effect lets the call through.
func (e Effect) Allowed() bool { return e == Allow }

// Request is one call as the policy sees it.
type Request struct {
	Action    string            // "execute-api:Invoke"
	Resource  string            // full ARN: arn:aws:execute-api:REGION:ACCOUNT:APIID/STAGE/METHOD/PATH
	Principal string            // "*" or "" for anonymous, else an ARN or account ID of the caller
	Context   map[string]string // condition keys present on the request; an absent key is not present (R7.17)
}

// Decision is the answer for one request.
type Decision struct {
	Effect      Effect
	Statement   string   // the deciding statement: its Sid, or "statement 2" (1-based); "" for implicit deny
	Reason      string   // one sentence a person can act on
	Unsupported []string // constructs that made the answer Unknown, e.g. "condition operator DateGreaterThan"
}
