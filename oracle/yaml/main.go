// Command yaml-oracle reads a YAML stream on standard input the way kubectl reads `kubectl apply -f`: it splits the
// stream into documents with k8s.io/apimachinery's YAMLReader and converts each with sigs.k8s.io/yaml (go-yaml v2,
// YAML 1.1 resolution, then JSON). It prints one JSON line per document: {"json": the JSON kubectl gets, or null}
// or {"error": the message kubectl gives}. Test-only: the differential oracle of src/manifests (test/manifests-oracle.test.ts).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"

	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

type result struct {
	JSON  *string `json:"json,omitempty"`
	Error *string `json:"error,omitempty"`
}

func main() {
	reader := utilyaml.NewYAMLReader(bufio.NewReaderSize(os.Stdin, 1<<20))
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	encoder := json.NewEncoder(out)
	encoder.SetEscapeHTML(false)
	for {
		chunk, err := reader.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			message := err.Error()
			_ = encoder.Encode(result{Error: &message})
			return
		}
		converted, err := yaml.YAMLToJSON(chunk)
		if err != nil {
			message := err.Error()
			_ = encoder.Encode(result{Error: &message})
			continue
		}
		text := string(converted)
		if err := encoder.Encode(result{JSON: &text}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
