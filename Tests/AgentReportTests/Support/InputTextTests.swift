import Foundation
import Testing

@testable import AgentReport

/// The one text-input step: line ends, byte-order marks, bad bytes and bad JSON values.
@Suite struct InputTextTests {
    func text(_ bytes: [UInt8]) -> (String, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let text = InputText.text(Data(bytes), file: "log.md", diagnostics: &diagnostics)
        return (text, diagnostics)
    }

    @Test func everyLineEndingAndAByteOrderMarkGiveTheSameText() {
        let lf = text(Array("# Log\n\n## a\nbody\n".utf8))
        let crlf = text(Array("# Log\r\n\r\n## a\r\nbody\r\n".utf8))
        let cr = text(Array("# Log\r\r## a\rbody\r".utf8))
        let mixed = text([0xEF, 0xBB, 0xBF] + Array("# Log\r\n\n## a\rbody\r\n".utf8))
        #expect(lf.0 == "# Log\n\n## a\nbody\n")
        #expect(crlf.0 == lf.0)
        #expect(cr.0 == lf.0)
        #expect(mixed.0 == lf.0)
        #expect((lf.1 + crlf.1 + cr.1 + mixed.1).isEmpty)
    }

    @Test func invalidUTF8AndNULKeepTheRestOfTheTextWithAWarningAtTheirLine() {
        let (result, diagnostics) = text(
            Array("line one\r\nca".utf8) + [0xFF] + Array("fé\r\nnul".utf8) + [0] + Array("here\nend".utf8) + [0xC3])
        #expect(result == "line one\nca\u{FFFD}fé\nnul\u{FFFD}here\nend\u{FFFD}")
        #expect(
            diagnostics.map(\.formatted) == [
                "log.md:2:3: warning: not valid UTF-8 (and on 1 more line); the bytes were replaced with U+FFFD and the rest of the text kept (save the file as UTF-8)",
                "log.md:3:4: warning: a NUL character; replaced with U+FFFD and the rest of the text kept",
            ])
    }

    @Test func jsonValuesFoundationRefusesAreRepairedAndNamedAtTheirPosition() throws {
        let json =
            "{\r\n  \"a\": \"x\\u0000y\",\r\n  \"b\": \"p\\ud800q\", \"c\": 1e400,\r\n  \"d\": \"\\ud83d\\ude00\", \"e\": \"\\udc00\"\r\n}"
        var diagnostics: [Diagnostic] = []
        let data = try InputText.json(Data(json.utf8), file: "p.json", diagnostics: &diagnostics)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["a"] as? String == "x\u{FFFD}y")
        #expect(object["b"] as? String == "p\u{FFFD}q")
        #expect(object["c"] as? String == "1e400")
        #expect(object["d"] as? String == "😀")
        #expect(object["e"] as? String == "\u{FFFD}")
        #expect(diagnostics.map(\.location) == ["p.json:2:10", "p.json:3:10", "p.json:3:25", "p.json:4:30"])
        #expect(diagnostics[2].message.contains("1e400 is out of range"))
    }

    @Test func jsonThatIsNotJSONNamesItsLineAfterALoneCR() {
        var diagnostics: [Diagnostic] = []
        #expect(
            throws: InputText.JSONSyntaxProblem(
                line: 3, column: 4, reason: "unexpected \":\", \",\" or \"}\" was expected")
        ) {
            try InputText.json(Data("{\r\"a\":\r\"b\": }".utf8), file: "p.json", diagnostics: &diagnostics)
        }
    }
}
