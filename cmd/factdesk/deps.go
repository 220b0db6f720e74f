package main

// Temporary: keeps the chosen libraries in go.mod while the packages that use them are written.
import (
	_ "github.com/go-pdf/fpdf"
	_ "github.com/go-shiori/go-readability"
	_ "github.com/google/uuid"
	_ "github.com/pemistahl/lingua-go"
	_ "github.com/yuin/goldmark"
	_ "golang.org/x/net/html"
	_ "golang.org/x/text/encoding/charmap"
	_ "golang.org/x/text/unicode/norm"
)
