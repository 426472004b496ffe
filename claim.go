package crosscheck

// Claim statuses.
const (
	StatusUnconfirmed          = "unconfirmed"
	StatusDisputed             = "disputed"
	StatusCorroborated         = "corroborated"
	StatusConfirmedByAdversary = "confirmed_by_adversary"
)

// Claim is a cluster of statements, across articles, that assert the same
// proposition, with its status and the evidence for each status.
type Claim struct {
	ID          string           `json:"id"`
	Summary     string           `json:"summary"`
	Status      []string         `json:"status"`
	Parties     []string         `json:"parties"`
	FirstSeen   string           `json:"first_seen"`
	Statements  []ClaimStatement `json:"statements"`
	Evidence    []Evidence       `json:"evidence"`
	Appearances []Appearance     `json:"appearances"`
}

// ClaimStatement is one statement that supports, confirms or disputes a claim.
type ClaimStatement struct {
	Article     string `json:"article"`
	Statement   string `json:"statement"`
	Site        string `json:"site"`
	Published   string `json:"published"`
	Speaker     string `json:"speaker"`
	Affiliation string `json:"affiliation"`
	Stance      string `json:"stance"`
	Content     string `json:"content"`
	Echo        bool   `json:"echo"`
}

// Evidence is the sentence that justifies one status of a claim.
type Evidence struct {
	Status    string `json:"status"`
	Article   string `json:"article"`
	Statement string `json:"statement"`
	Text      string `json:"text"`
	// Since is when this status began: the published date of the article
	// that brought the evidence (added to the contract, for timelines).
	Since string `json:"since,omitempty"`
}

// Appearance is one article in which a claim appears. EchoOf names the
// origin article when this one re-publishes its text.
type Appearance struct {
	Article   string     `json:"article"`
	Site      string     `json:"site"`
	URL       string     `json:"url"`
	Published string     `json:"published"`
	EchoOf    NullString `json:"echo_of"`
}
