-- +goose Up
-- Most statements have no party (about 60 % of a synthetic corpus's): the
-- party index holds only those with one, which are the only ones a party
-- filter finds (its queries say party <> '' so that the planner uses it).
DROP INDEX statements_party;
CREATE INDEX statements_party ON statements (party, published_day) WHERE party <> '';

-- +goose Down
DROP INDEX statements_party;
CREATE INDEX statements_party ON statements (party, published_day);
