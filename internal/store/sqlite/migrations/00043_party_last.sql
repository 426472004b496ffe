-- +goose Up
-- A party's claims by latest activity (`?party=UA&sort=latest`) walk the
-- party's rows of claim_party in that order and stop at the page, as the
-- board order does, instead of walking claims_last and looking up each
-- claim's parties: the rows carry the claim's last_day (written again when
-- it moves, since the claim then takes a new key).
ALTER TABLE claim_party ADD COLUMN last_day TEXT NOT NULL DEFAULT '';
UPDATE claim_party SET last_day = (SELECT c.last_day FROM claims c WHERE c.k = claim_party.claim_k);
CREATE INDEX claim_party_last ON claim_party (party, last_day DESC, first_day DESC, id);

-- +goose Down
DROP INDEX claim_party_last;
ALTER TABLE claim_party DROP COLUMN last_day;
