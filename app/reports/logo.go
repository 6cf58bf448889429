package reports

import (
	"bytes"
	"crypto/sha256"
	"image"
	"image/color"
	"image/png"
	"sync"
)

// logoPixels is the height a logo is stored at in the PDF: it is printed
// 8 mm high, so 128 pixels are 400 dpi, sharp on any printer.
const logoPixels = 128

// preparedLogos holds each logo once made ready for fpdf, keyed by the
// SHA-256 of the original file. It is a memo of derived, immutable bytes,
// not state: parsing a 512×512 PNG with an alpha channel (fpdf separates
// and recompresses the alpha on every document) cost about 10 ms of a
// 35 ms status report, and an organisation has one logo.
var preparedLogos = logoMemo{byHash: map[[sha256.Size]byte]preparedLogo{}}

type preparedLogo struct {
	data []byte
	kind string // fpdf image type: "PNG" or "JPG"
	ok   bool   // false: not a readable PNG or JPEG
}

type logoMemo struct {
	mu     sync.Mutex
	byHash map[[sha256.Size]byte]preparedLogo
}

// maxPreparedLogos bounds the memo: organisations change their logo rarely,
// but a long-running process must not grow without end.
const maxPreparedLogos = 8

// prepare returns the logo ready for fpdf: a PNG is flattened onto white
// (no alpha channel, so fpdf embeds its data without recompressing) and
// scaled down to logoPixels high; a JPEG is used as it is.
func (m *logoMemo) prepare(logo []byte) preparedLogo {
	key := sha256.Sum256(logo)
	m.mu.Lock()
	p, found := m.byHash[key]
	m.mu.Unlock()
	if found {
		return p
	}
	p = prepareLogo(logo)
	m.mu.Lock()
	if len(m.byHash) >= maxPreparedLogos {
		clear(m.byHash)
	}
	m.byHash[key] = p
	m.mu.Unlock()
	return p
}

func prepareLogo(logo []byte) preparedLogo {
	_, format, err := image.DecodeConfig(bytes.NewReader(logo))
	if err != nil {
		return preparedLogo{}
	}
	switch format {
	case "jpeg":
		return preparedLogo{data: logo, kind: "JPG", ok: true}
	case "png":
	default:
		return preparedLogo{}
	}
	img, err := png.Decode(bytes.NewReader(logo))
	if err != nil {
		return preparedLogo{}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, flattenAndShrink(img, logoPixels)); err != nil {
		return preparedLogo{}
	}
	return preparedLogo{data: buf.Bytes(), kind: "PNG", ok: true}
}

// flattenAndShrink draws img onto white and averages whole blocks of
// pixels so that it is at most maxHeight high (a box filter: good enough
// for shrinking a logo by an integer factor).
func flattenAndShrink(img image.Image, maxHeight int) *image.RGBA {
	b := img.Bounds()
	step := max(1, (b.Dy()+maxHeight-1)/maxHeight)
	w, h := (b.Dx()+step-1)/step, (b.Dy()+step-1)/step
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			var r, g, bl, n uint32
			for dy := range step {
				for dx := range step {
					px, py := b.Min.X+x*step+dx, b.Min.Y+y*step+dy
					if px >= b.Max.X || py >= b.Max.Y {
						continue
					}
					// Premultiplied colour over white: c + (1-a)·white.
					cr, cg, cb, ca := img.At(px, py).RGBA()
					r += cr + 0xffff - ca
					g += cg + 0xffff - ca
					bl += cb + 0xffff - ca
					n++
				}
			}
			out.SetRGBA(x, y, color.RGBA{R: uint8(r / n >> 8), G: uint8(g / n >> 8), B: uint8(bl / n >> 8), A: 0xff})
		}
	}
	return out
}
