package crosscheck

import (
	"crypto/sha256"
	"encoding/hex"
)

// ArticleID returns the stable id of an article: the hex SHA-256 of its
// canonical URL, or of its clean text when it has no URL.
func ArticleID(canonicalURL, text string) string {
	key := canonicalURL
	if key == "" {
		key = text
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}
