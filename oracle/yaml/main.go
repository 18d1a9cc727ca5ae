// Command yaml-oracle reads YAML files the way kubectl reads `kubectl apply -f`: it splits each file into documents
// with k8s.io/apimachinery's YAMLReader and converts each document with sigs.k8s.io/yaml (go-yaml v2, YAML 1.1
// resolution, then JSON).
//
// Input: one JSON string per line, each the whole text of a file. Output: one JSON line per file,
// {"documents": [{"json": "the JSON kubectl gets"} or {"error": "kubectl's message"}, ...]}; reading a file stops
// at the first error of its YAMLReader, as kubectl does.
//
// Test-only: the differential oracle of src/manifests (test/manifests-oracle.test.ts). Not part of any build.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"

	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

type document struct {
	JSON  *string `json:"json,omitempty"`
	Error *string `json:"error,omitempty"`
}

type file struct {
	Documents []document `json:"documents"`
}

func read(text string) file {
	reader := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader([]byte(text))))
	result := file{Documents: []document{}}
	for {
		chunk, err := reader.Read()
		if err == io.EOF {
			return result
		}
		if err != nil {
			message := err.Error()
			result.Documents = append(result.Documents, document{Error: &message})
			return result
		}
		converted, err := yaml.YAMLToJSON(chunk)
		if err != nil {
			message := err.Error()
			result.Documents = append(result.Documents, document{Error: &message})
			continue
		}
		text := string(converted)
		result.Documents = append(result.Documents, document{JSON: &text})
	}
}

func main() {
	scanner := bufio.NewScanner(os.Stdin)
	scanner.Buffer(make([]byte, 1<<20), 1<<30)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	encoder := json.NewEncoder(out)
	encoder.SetEscapeHTML(false)
	for scanner.Scan() {
		var text string
		if err := json.Unmarshal(scanner.Bytes(), &text); err != nil {
			fmt.Fprintln(os.Stderr, "yaml-oracle: each input line must be a JSON string:", err)
			os.Exit(2)
		}
		if err := encoder.Encode(read(text)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	if err := scanner.Err(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
