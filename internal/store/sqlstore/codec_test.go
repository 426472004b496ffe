package sqlstore

import (
	"fmt"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// TestCodecWindow: a document larger than the window is packed with the
// small window (so the encoder's history buffer stays small for the life
// of the process) and reads back the same.
func TestCodecWindow(t *testing.T) {
	c := newCodec()
	defer c.close()
	type doc struct{ Lines []string }
	var in doc
	for i := 0; len(in.Lines)*40 < 3*codecWindow; i++ {
		in.Lines = append(in.Lines, fmt.Sprintf("statement %d of a claim that keeps growing", i))
	}
	b, err := c.pack(in)
	if err != nil {
		t.Fatal(err)
	}
	var h zstd.Header
	if err := h.Decode(b); err != nil {
		t.Fatal(err)
	}
	// A single-segment frame needs a window of its whole content.
	window := h.WindowSize
	if h.SingleSegment {
		window = h.FrameContentSize
	}
	if window > codecWindow {
		t.Errorf("frame window %d bytes (single segment: %v), want at most %d", window, h.SingleSegment, codecWindow)
	}
	var out doc
	if err := c.unpack(b, &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Lines) != len(in.Lines) || strings.Join(out.Lines, "\n") != strings.Join(in.Lines, "\n") {
		t.Errorf("unpacked %d lines, packed %d", len(out.Lines), len(in.Lines))
	}
}
