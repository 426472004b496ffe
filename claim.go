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
//
// CurrentStatus is the one status a reader sees: the strongest that holds,
// in the order unconfirmed < corroborated < disputed < confirmed_by_adversary.
// Status lists every status that holds, weakest first, so its last element
// is CurrentStatus; "unconfirmed" is never listed beside another status.
// StatusHistory tells when the current status changed, oldest first.
type Claim struct {
	ID            string           `json:"id"`
	Summary       string           `json:"summary"`
	CurrentStatus string           `json:"current_status"`
	StatusHistory []StatusChange   `json:"status_history"`
	Status        []string         `json:"status"`
	Parties       []string         `json:"parties"`
	FirstSeen     string           `json:"first_seen"`
	Statements    []ClaimStatement `json:"statements"`
	Evidence      []Evidence       `json:"evidence"`
	Appearances   []Appearance     `json:"appearances"`
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
	// Independent names the kind of source when the speaker is an
	// independent one that speaks for no party (think_tank, monitor, wire,
	// imagery): its confirmation counts as independent corroboration.
	Independent string `json:"independent,omitempty"`
	// Link tells why this statement is in the claim: the statement it was
	// joined to and the reasons. Nil for the claim's first statement.
	Link *StatementLink `json:"link"`
}

// StatementLink is how a statement joined its claim: To is the
// "<article>/<statement>" it was joined to, Reasons say why in words a
// reader can check ("same predicate: deploy-troops", "shared place:
// Belarus", "lexical 0.42", "3 days apart"), Score is the link's strength
// (1 for links the article itself states or for re-published copies).
type StatementLink struct {
	To      string   `json:"to"`
	Reasons []string `json:"reasons"`
	Score   float64  `json:"score"`
}

// StatusChange is one step of a claim's status history: from Since (the
// published date of Article) the claim's current status was Status, brought
// by Statement of Article, whose sentence is Text.
type StatusChange struct {
	Status    string `json:"status"`
	Since     string `json:"since"`
	Article   string `json:"article"`
	Statement string `json:"statement"`
	Text      string `json:"text"`
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
	// Independent names the kind of independent source (think_tank,
	// monitor, wire, imagery) when the evidence comes from one.
	Independent string `json:"independent,omitempty"`
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
