// Package claims is crosscheck's cross-article logic: it folds re-published
// copies (echoes) under their origin and links statements of different
// articles that assert the same proposition into claims, each with a status
// and the sentences that justify it. Everything here is a pure function of
// its input: no I/O, no clock, no logging; the store calls it on the
// analyses it holds.
//
// # Echoes
//
// An article's text is cut into word shingles (4 consecutive lower-cased
// letter/digit runs, hashed with xxhash); Sign keeps a 128-value MinHash
// signature and Bands its 42 LSH band keys (3 rows each), which the store
// indexes to find candidates with one SQL query. A candidate is confirmed on
// the exact shingle sets (IsEcho): at least 60% of the smaller text's
// shingles occur in the other, and the smaller has at least 25. Containment
// rather than Jaccard, because a cut ending or added boilerplate shrinks
// Jaccard but not containment. The parameters were chosen on a labelled pair
// set built from the ukraine-war and Wikinews corpora (echo_test.go; run
// TestEchoExplore with CLAIMS_EXPLORE=1 for the grid): precision 1.000 and
// recall 0.974 on 3,564 positives and 1,861 hard negatives.
//
// Build takes, for each article, the earliest earlier article it echoes
// (earliest published, ties by id) and that article's own origin, so every
// copy points at the first publication. Echoes ignore the time window.
//
// # Claims
//
// Each statement is one unit. Units are joined (union–find) when:
//
//   - the article relates them: the From statement of a contradicts,
//     confirms, not_confirmed or echoes relation joins its To statement's
//     claim, as a dispute (contradicts, not_confirmed) or a support (confirms,
//     echoes). A relation without From (not_confirmed by UA) bears on the To
//     statement's claim with the party in By;
//   - an echo article's statement copies one of its origin's (same speaker
//     or parties, content-token Jaccard ≥ 0.5): the copy is marked echo, an
//     appearance that adds no support;
//   - statements of two different articles within Options.Window (14 days)
//     have similar contents: tokens without stop words and negations, lightly
//     stemmed, weighted by inverse statement frequency; weighted Jaccard ≥
//     Options.MinSimilarity (0.5) with 3 shared tokens, or 4 shared tokens
//     carrying 60% of the shorter content and 30% of the longer when the
//     contents also name a common entity or place or the speaker is the same.
//     Statements of one article are never joined on content: the article's
//     own relations say how they relate. Parties play no part in linking —
//     a claim must gather the other side's denial to be disputed. Links are
//     single-link, so a chain of links may span more than the window.
//
// # Status
//
// The claim's origin is its earliest attributed, non-echo statement that
// asserts the proposition (not a denial: "Moscow denies blowing up the dam",
// published first, disputes the assertion that follows) and that no relation
// made a confirmation or contradiction of another (the target of "Gerasimov
// confirmed …" is the earlier report, even when the article tells the
// confirmation first); failing that, its earliest attributed statement. A statement's party is its speaker's affiliation,
// else its speaker entity's, else the countries of the places named in the
// speaker's words ("reports from Ukraine, the U.S., and South Korea").
// Polarity is the stance (assert/confirm versus deny/not_confirmed/retract)
// flipped by a negation in the content ("did not attack", "is false").
// Members with the origin's polarity support it, the others dispute it.
//
//   - disputed: a member of another party than the origin's disputes it (a
//     contradicts or not_confirmed relation, a deny stance, or the opposite
//     polarity across articles);
//   - corroborated: supported by two independent origins — different
//     non-echo articles or different speakers — of different parties;
//   - confirmed_by_adversary: supported by a party of a bloc adversary to the
//     origin's (data/blocs.tsv, data/adversaries.tsv: RU, BY, KP, IR against
//     UA and its supporters). Such a claim is also corroborated;
//   - unconfirmed: neither corroborated nor confirmed by the adversary. It can
//     stand beside disputed ("Russia says …, Ukraine denies").
//
// Status lists the current statuses in that order: unconfirmed, disputed,
// corroborated, confirmed_by_adversary. Every status has at least one
// Evidence: the sentence of the statement (or of the relation, when it has
// no From statement) that brought it, and Since, the published date of its
// article. Corroborated evidence names each statement that added a new party.
//
// Unattributed statements ("reportedly …") make no claim of their own: a
// claim is somebody's. Linked to an attributed statement they stay in its
// claim as statements and appearances without a voice. Statements whose
// speaker has no party (a wire agency, an analyst) do make claims — their
// status is unconfirmed until a party confirms them — and the first party
// that takes such a claim up counts as its origin party.
//
// Claim.Statements carries each statement's stance towards the claim: a
// statement that contradicts it by asserting the opposite is shown as deny.
// Its Affiliation is the statement's parties joined by commas. Claims, their
// statements and appearances are ordered by publication (then article id and
// sentence), and the claim id hashes the earliest statement's article and
// statement ids, so the same articles in any order give the same Result.
package claims
