// Writes vectors.json: what Kubernetes' own code (k8s.io/apimachinery v0.34.3, the version kpack v0.17.2 compiles)
// says about a set of inputs, so the TypeScript port in src/validation/kubernetes can be tested against it.
//
//	go run . > vectors.json
//
// Test-only; not part of the library. Seeded: the output is the same on every run.
package main

import (
	"encoding/json"
	"math/big"
	"math/rand"
	"os"
	"strings"

	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation"
)

// A string and Kubernetes' messages about it, as indexes into output.Messages (they repeat a lot).
type stringVector struct {
	Input  string `json:"input"`
	Errors []int  `json:"errors"`
}

// A quantity as the API server and kpack's webhooks decode one: the input, given as a JSON string (encoded by Go's
// encoder, as the API server encodes the objects it hands on), decoded into a Quantity (UnmarshalJSON: the string's
// JSON text, trimmed of white space, then ParseQuantity), then encoded again.
type quantityVector struct {
	Input string `json:"input"`
	// Error is UnmarshalJSON's error (ParseQuantity's); empty when it decodes.
	Error string `json:"error,omitempty"`
	// Value is the exact value, as a decimal without trailing zeros.
	Value string `json:"value,omitempty"`
	// Milli is MilliValue(), as Kubernetes' integer-resource check computes it.
	Milli string `json:"milli,omitempty"`
	// Stored is what MarshalJSON writes of the decoded quantity (kpack's webhooks, the API server): the text as
	// written when ParseQuantity keeps it, else the canonical form.
	Stored string `json:"stored,omitempty"`
}

type output struct {
	Messages         []string         `json:"messages"`
	DNS1123Label     []stringVector   `json:"dns1123Label"`
	DNS1123Subdomain []stringVector   `json:"dns1123Subdomain"`
	DNS1035Label     []stringVector   `json:"dns1035Label"`
	QualifiedName    []stringVector   `json:"qualifiedName"`
	LabelValue       []stringVector   `json:"labelValue"`
	EnvVarName       []stringVector   `json:"envVarName"`
	RelaxedEnvVar    []stringVector   `json:"relaxedEnvVarName"`
	ConfigMapKey     []stringVector   `json:"configMapKey"`
	Quantities       []quantityVector `json:"quantities"`
}

var messageIndex = map[string]int{}

func (o *output) vector(input string, errs []string) stringVector {
	v := stringVector{Input: input, Errors: []int{}}
	for _, e := range errs {
		i, ok := messageIndex[e]
		if !ok {
			i = len(o.Messages)
			messageIndex[e] = i
			o.Messages = append(o.Messages, e)
		}
		v.Errors = append(v.Errors, i)
	}
	return v
}

func exact(q resource.Quantity) string {
	d := q.AsDec()
	r := new(big.Rat).SetFrac(d.UnscaledBig(), big.NewInt(1))
	scale := int64(d.Scale())
	ten := big.NewInt(10)
	if scale > 0 {
		r.Quo(r, new(big.Rat).SetInt(new(big.Int).Exp(ten, big.NewInt(scale), nil)))
	} else if scale < 0 {
		r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(ten, big.NewInt(-scale), nil)))
	}
	s := r.FloatString(9) // quantities are rounded up to nano units
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// decode decodes `in`, given as a JSON string, into a Quantity as the API server and kpack's webhooks do.
func decode(in string) (resource.Quantity, error) {
	quoted, err := json.Marshal(in)
	if err != nil {
		panic(err)
	}
	var q resource.Quantity
	err = q.UnmarshalJSON(quoted) // json.Unmarshal would wrap the error
	return q, err
}

// stored is what MarshalJSON writes of q, as a Go string.
func stored(q resource.Quantity) string {
	encoded, err := json.Marshal(q)
	if err != nil {
		panic(err)
	}
	var out string
	if err := json.Unmarshal(encoded, &out); err != nil {
		panic(err)
	}
	return out
}

func main() {
	rng := rand.New(rand.NewSource(20250101))
	pick := func(alphabet string, n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteByte(alphabet[rng.Intn(len(alphabet))])
		}
		return b.String()
	}

	// Names: Kubernetes' own test values, every ASCII character in every position, boundary lengths, random mixes.
	names := []string{
		"", "a", "ab", "abc", "a1", "a-1", "a--1--2--b", "0", "01", "012", "1a", "1-a", "1--a--b--2",
		"A", "ABC", "aBc", "A1", "A-1", "1-A", "-", "a-", "-a", "1-", "-1", "_", "a_", "_a", "a_b", "1_", "_1", "1_2",
		".", "a.", ".a", "a.b", "1.", ".1", "1.2", "a..b", "1..2", " ", "a ", " a", "a b", "1 ", " 1", "1 2",
		"a.a", "ab.a", "a.1", "0.a", "a.b.c.d.e", "1.2.3.4.5", "A.a", "aB.a", "a@b", "a,b", "a;b", "a:b", "a%b", "a?b", "a$b",
		"simple", "now-with-dashes", "1-starts-with-num", "1234", "simple/simple", "now-with-dashes/simple",
		"now-with-dashes/now-with-dashes", "now.with.dots/simple", "now-with.dashes-and.dots/simple",
		"1-num.2-num/3-num", "1234/5678", "1.2.3.4/5678", "Uppercase_Is_OK_123", "example.com/Uppercase_Is_OK_123",
		"requests.storage-foo", "nospecialchars%^=@", "cantendwithadash-", "-cantstartwithadash-", "only/one/slash",
		"Example.com/abc", "example_com/abc", "example.com/", "/simple", "/", "a/", "/a", "a//b", "kubernetes.io/os",
		"node.kubernetes.io/not-ready", "my.env-name", "MY_ENV.NAME", "MyEnvName1", "..", "..a", "...", "-a", "_a", "1a",
		"PLATFORM_ENV_", "PLATFORM_ENV_a=b", "a=b", "=", "a\tb", "a\nb", "é", "aé", "a\x7fb", "a~b", "A-B_C.D",
		strings.Repeat("a", 62), strings.Repeat("a", 63), strings.Repeat("a", 64),
		strings.Repeat("a", 252), strings.Repeat("a", 253), strings.Repeat("a", 254),
		strings.Repeat("a", 253) + "/" + strings.Repeat("b", 63), strings.Repeat("a", 254) + "/b", "a/" + strings.Repeat("b", 64),
		strings.Repeat("a.", 126) + "a", strings.Repeat("a", 63) + "." + strings.Repeat("b", 63), strings.Repeat("a", 64) + ".b",
	}
	for c := 0; c < 128; c++ {
		ch := string(rune(c))
		names = append(names, ch, "a"+ch, ch+"a", "a"+ch+"b", "a"+ch+"b/c", "c/a"+ch+"b")
	}
	for i := 0; i < 400; i++ {
		names = append(names, pick("abAB01-._/ =", 1+rng.Intn(12)))
	}

	out := output{}
	for _, n := range names {
		out.DNS1123Label = append(out.DNS1123Label, out.vector(n, validation.IsDNS1123Label(n)))
		out.DNS1123Subdomain = append(out.DNS1123Subdomain, out.vector(n, validation.IsDNS1123Subdomain(n)))
		out.DNS1035Label = append(out.DNS1035Label, out.vector(n, validation.IsDNS1035Label(n)))
		out.QualifiedName = append(out.QualifiedName, out.vector(n, validation.IsQualifiedName(n)))
		out.LabelValue = append(out.LabelValue, out.vector(n, validation.IsValidLabelValue(n)))
		out.EnvVarName = append(out.EnvVarName, out.vector(n, validation.IsEnvVarName(n)))
		out.RelaxedEnvVar = append(out.RelaxedEnvVar, out.vector(n, validation.IsRelaxedEnvVarName(n)))
		out.ConfigMapKey = append(out.ConfigMapKey, out.vector(n, validation.IsConfigMapKey(n)))
	}

	// Quantities: Kubernetes' own test inputs, numbers with every suffix, edge cases, random strings of the alphabet.
	quantities := []string{
		"", "0", "0n", "0u", "0m", "0Ki", "0k", "0Mi", "0M", "0Gi", "0G", "0Ti", "0T", "1", "1Ki", "8Ki", "7Mi", "6Gi", "5Ti",
		"4Pi", "3Ei", "10Ti", "100Ti", "5n", "4u", "3m", "9", "8k", "50k", "7M", "6G", "5T", "40T", "300T", "2P", "1E",
		"1E-3", "1e3", "1E6", "1e9", "1E12", "1e15", "1E18", "1e14", "1e13", "100.035k", "0.001", "0.0005k", "0.005",
		"0.05", "0.5", "0.00050k", "0.00500", "0.05000", "0.50000", "0.5e0", "0.5e-1", "0.5e-2", "10.035M", "1.2e3",
		"1.3E+6", "1.40e9", "1.53E12", "1.6e15", "1.7E18", "9.01", "8.1k", "7.123456M", "6.987654321G", "5.444T",
		"40.1T", "300.2T", "2.5P", "1.01E", "3.001n", "1.1E-9", "0.0000000001", "0.0000000005", "0.00000000050",
		"0.5e-9", "0.9n", "0.00000012345", "0.00000012354", "9Ei", "9223372036854775807Ki", "12E", "100.035Ki",
		"0.5Mi", "0.05Gi", "0.025Ti", "0.000000000001Ki", ".001", ".0001k", "1.", "1.G", ".", "-.", "+.", "-", "+",
		"1.1.1", "1+1", "1-1", "1e", "1E", "e", "Ki", "1ki", "1KI", "1K", "1mi", "1 Ki", " 1", "1 ", " 1Gi ", "\t2\n",
		"1e1.0", "1e1e1", "1eKi", "1Kie1", "1Mb", "2 GB", "0x10", "1_000", "1,5", "+1", "-1", "-0", "+0", "-1Ki", "-0.5",
		"-1e-10", "1e-10", "1e-1000", "-1e-1000", "1e1000", "1e18", "1e19", "9223372036854775807", "9223372036854775808",
		"-9223372036854775808", "-9223372036854775809", "99999999999999999999Ki", "99999999999999999999", "8Ei",
		"7.99999999Ei", "0.5Ki", "1.5Gi", "2G", "2Gi", "512Mi", "250m", "500m", "0.25", "1500m", "2000m", "0.1m", "1.5m",
		"100u", "1000000000n", "1e-9", "1e-8", "0e5", "00001", "0.0", "000.000", "1e+2", "1e-2", "1E+2m", "1e2m",
		"1e-9n",
		"123456789012345678", "1234567890123456789", "12345678901234567890", "1.234567890123456789", "0.000000001",
		"123456789012345678.5", "1.5Ei", "8.5Ei", "1Pi", "1024Pi", "1.00000000001", "1.0000000001m",
		// the stored form: kept as written, or canonical
		"1024Mi", "1023Mi", "1048576Ki", "2048Ki", "1000Mi", "01Ki", "+1Ki", "-2048Ki", "1000m", "1500m", "1.500k", "2000M",
		"1000E", "1234E", "10e2", "1E3", "1e0", "100e-2", "0.0001", "1000000", "1000001", "2147483648", "1536Mi", "0.5Gi",
		"1073741824", "1Ki", "1024", "1023", "1025", "-1024", "-1023", "00", "0.0Gi", "1.0", "1.10", "10.0m", " 2Gi", "2Gi ",
		// white space the JSON encoder escapes (so the decoder's TrimSpace keeps it) and white space it does not
		"\t2Gi", "2Gi\n", "2Gi\r", "\v1", "\f1", "\u20282Gi", "2Gi\u2029", "\u00852Gi", "\u00a02Gi", "2Gi\u3000", "\u20002",
		"2<Gi", "2&", "\"2\"", "2\\", "1\u0000",
	}
	for _, n := range []string{"0", "1", "5", "10", "1.5", ".5", "1.", "100", "-1", "-.5", "007", "0.0001"} {
		for _, s := range []string{"", "n", "u", "m", "k", "K", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei",
			"e0", "e1", "e-1", "e+1", "E3", "e", "i", "mi", "ki", "KiB", "e-12", "E18", "e19"} {
			quantities = append(quantities, n+s)
		}
	}
	for i := 0; i < 1500; i++ {
		quantities = append(quantities, pick("0123456789.+-eEinumkKMGTP ", 1+rng.Intn(6)))
	}
	for i := 0; i < 500; i++ {
		quantities = append(quantities, pick("+-", rng.Intn(2))+pick("0123456789", rng.Intn(22))+pick(".", rng.Intn(2))+
			pick("0123456789", rng.Intn(22))+[]string{"", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei",
			"e3", "e-3", "e20", "e-20"}[rng.Intn(20)])
	}
	for _, in := range quantities {
		v := quantityVector{Input: in}
		q, err := decode(in)
		if err != nil {
			v.Error = err.Error()
		} else {
			v.Value = exact(q)
			v.Milli = new(big.Int).SetInt64(q.MilliValue()).String()
			v.Stored = stored(q)
		}
		out.Quantities = append(out.Quantities, v)
	}

	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
}
