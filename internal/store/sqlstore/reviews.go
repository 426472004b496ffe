package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/crosscheck/crosscheck/internal/store"
)

var (
	_ store.Reviews     = (*DB)(nil)
	_ store.ClaimPlaces = (*DB)(nil)
)

// reviewedClaims selects the ids of claims with a review: made on their id,
// or anchored on one of their statements.
const reviewedClaims = `SELECT claim_id FROM reviews UNION
 SELECT rc.id FROM reviews r JOIN articles ra ON ra.id = r.article_id
 JOIN claim_article ca ON ca.article_k = ra.k AND ca.statement_id = r.statement_id
 JOIN claims rc ON rc.k = ca.claim_k`

// reviewWhere adds the ClaimFilter.Review predicate on claims alias c.
func reviewWhere(review string, w *where) {
	switch review {
	case store.ReviewReviewed:
		w.add("c.id IN (" + reviewedClaims + ")")
	case store.ReviewNeeded:
		w.add("c.id NOT IN (" + reviewedClaims + ")")
	}
}

const reviewColumns = `id, claim_id, article_id, statement_id, field, verdict, value, correction, note, reviewer, at`

// AddReview implements store.Reviews.
func (s *DB) AddReview(ctx context.Context, r store.Review) (store.Review, error) {
	if err := r.Check(); err != nil {
		return r, err
	}
	if r.At.IsZero() {
		r.At = s.Now()
	}
	r.At = r.At.UTC()
	r.Reviewer = strings.TrimSpace(r.Reviewer)
	err := s.db.QueryRowContext(ctx, `INSERT INTO reviews
 (claim_id, article_id, statement_id, field, verdict, value, correction, note, reviewer, at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		safe(r.Claim), safe(r.Article), safe(r.Statement), r.Field, r.Verdict, safe(r.Value),
		safe(r.Correction), safe(r.Note), safe(r.Reviewer), r.At).Scan(&r.ID)
	if err != nil {
		return r, s.errorf("add review of claim %s: %w", r.Claim, err)
	}
	return r, nil
}

// ClaimReviews implements store.Reviews.
func (s *DB) ClaimReviews(ctx context.Context, claimID string) ([]store.Review, error) {
	all, err := s.ClaimsReviews(ctx, []string{claimID})
	if err != nil {
		return nil, err
	}
	if rs := all[safe(claimID)]; rs != nil {
		return rs, nil
	}
	return []store.Review{}, nil
}

// ClaimsReviews implements store.Reviews: the reviews made on the ids,
// and those anchored on a statement of one of them made on another id (a
// review made on the claim and anchored in it is listed once), ordered by
// time and id (columns 11 and 1 of the union).
func (s *DB) ClaimsReviews(ctx context.Context, claimIDs []string) (map[string][]store.Review, error) {
	ids := make([]any, len(claimIDs))
	for i, id := range claimIDs {
		ids[i] = safe(id)
	}
	out := map[string][]store.Review{}
	err := queryIn(ctx, s.db, `SELECT `+prefixed("r.", reviewColumns)+`, r.claim_id FROM reviews r WHERE r.claim_id IN (%[1]s)
UNION ALL
SELECT `+prefixed("r.", reviewColumns)+`, c.id FROM reviews r JOIN articles a ON a.id = r.article_id
 JOIN claim_article ca ON ca.article_k = a.k AND ca.statement_id = r.statement_id
 JOIN claims c ON c.k = ca.claim_k
 WHERE c.id IN (%[1]s) AND r.claim_id <> c.id
ORDER BY 11, 1`, ids, func(rows *sql.Rows) error {
		var r store.Review
		var owner string
		if err := rows.Scan(append(reviewDest(&r), &owner)...); err != nil {
			return err
		}
		r.At = r.At.UTC()
		out[owner] = append(out[owner], r)
		return nil
	})
	if err != nil {
		return nil, s.errorf("reviews of %d claims: %w", len(claimIDs), err)
	}
	return out, nil
}

// prefixed qualifies each of the comma-separated columns with p.
func prefixed(p, cols string) string {
	parts := strings.Split(cols, ", ")
	for i, c := range parts {
		parts[i] = p + c
	}
	return strings.Join(parts, ", ")
}

// reviewDest are the scan destinations of reviewColumns in r.
func reviewDest(r *store.Review) []any {
	return []any{&r.ID, &r.Claim, &r.Article, &r.Statement, &r.Field, &r.Verdict, &r.Value,
		&r.Correction, &r.Note, &r.Reviewer, &r.At}
}

// ArticleReviews implements store.Reviews.
func (s *DB) ArticleReviews(ctx context.Context, articleID string) ([]store.Review, error) {
	what := "article " + articleID
	rows, err := s.db.QueryContext(ctx, `SELECT `+reviewColumns+` FROM reviews r
WHERE r.article_id = $1 ORDER BY r.at, r.id`, safe(articleID))
	if err != nil {
		return nil, s.errorf("reviews of %s: %w", what, err)
	}
	defer rows.Close()
	out := []store.Review{}
	for rows.Next() {
		var r store.Review
		if err := rows.Scan(reviewDest(&r)...); err != nil {
			return nil, s.errorf("reviews of %s: %w", what, err)
		}
		r.At = r.At.UTC()
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("reviews of %s: %w", what, err)
	}
	return out, nil
}

// MovedClaim implements store.Reviews: among the claims now holding the
// anchors of the reviews made on claimID, the one holding most of them
// (ties by id).
func (s *DB) MovedClaim(ctx context.Context, claimID string) (string, error) {
	var id string
	err := s.db.QueryRowContext(ctx, `SELECT c.id FROM reviews r JOIN articles a ON a.id = r.article_id
JOIN claim_article ca ON ca.article_k = a.k AND ca.statement_id = r.statement_id
JOIN claims c ON c.k = ca.claim_k
WHERE r.claim_id = $1 AND c.id <> $1
GROUP BY c.id ORDER BY COUNT(*) DESC, c.id LIMIT 1`, safe(claimID)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", s.errorf("moved claim %s: %w", claimID, err)
	}
	return id, nil
}

// ClaimPlaces implements store.ClaimPlaces.
func (s *DB) ClaimPlaces(ctx context.Context, f store.ClaimFilter, limit int) ([]store.PlaceCount, error) {
	var w where
	s.claimWhere(f, &w, true)
	limit, _ = limits(limit, 0)
	q := `SELECT sp.place_lc, COUNT(DISTINCT c.id) FROM claims c
JOIN claim_article ca ON ca.claim_k = c.k
JOIN statement_places sp ON sp.article_k = ca.article_k AND sp.statement_id = ca.statement_id` + w.sql() +
		` GROUP BY sp.place_lc ORDER BY COUNT(DISTINCT c.id) DESC, sp.place_lc LIMIT ` + w.arg(limit)
	rows, err := s.db.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, s.errorf("claim places: %w", err)
	}
	defer rows.Close()
	out := []store.PlaceCount{}
	for rows.Next() {
		var p store.PlaceCount
		if err := rows.Scan(&p.Name, &p.Claims); err != nil {
			return nil, s.errorf("claim places: %w", err)
		}
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, s.errorf("claim places: %w", err)
	}
	return out, nil
}
