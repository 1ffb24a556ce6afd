using Matching.Cli.Training;

namespace Matching.Tests.Unit;

/// <summary>The training files are read by the API's item reader: the same fields, rules and messages.</summary>
public sealed class TrainingFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("matching-training-files-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("offers", """{"id":"o1","title":"Battery","colour":"red"}""", "offers.jsonl:2: colour: is not a known field")]
    [InlineData("offers", """{"id":"o1","title":"Battery","trl":"six"}""", "offers.jsonl:2: trl: must be an integer")]
    [InlineData("needs", """{"title":"Battery supplier"}""", "needs.jsonl:2: id: is required")]
    [InlineData("judgments", """{"needId":"n1","offerId":"o1","grade":7}""", "judgments.jsonl:2: grade: must be an integer from 0 to 4")]
    [InlineData("judgments", """{"needId":"n1","offerId":"o1","grade":1,"grade":2}""", "judgments.jsonl:2: grade: appears more than once")]
    public void A_bad_line_names_its_file_line_field_and_problem(string file, string badLine, string message)
    {
        var lines = new Dictionary<string, string>
        {
            ["offers"] = """{"id":"o0","title":"Solid-state battery"}""",
            ["needs"] = """{"id":"n1","title":"Battery supplier"}""",
            ["judgments"] = """{"needId":"n1","offerId":"o0","grade":2}""",
        };
        foreach (var (name, line) in lines)
        {
            File.WriteAllLines(Path.Combine(_dir, name + ".jsonl"), name == file ? [line, badLine] : [line]);
        }

        var e = Assert.Throws<TrainingDataException>(() =>
            TrainingFiles.Read(Path.Combine(_dir, "offers.jsonl"), Path.Combine(_dir, "needs.jsonl"), Path.Combine(_dir, "judgments.jsonl")));

        Assert.EndsWith(message, e.Message);
    }

    [Fact]
    public void Valid_files_are_read_normalized()
    {
        File.WriteAllText(Path.Combine(_dir, "offers.jsonl"), """{"id":"o0","title":"  Solid-state battery ","trl":6,"transferModes":["license"]}""" + "\n\n");
        File.WriteAllText(Path.Combine(_dir, "needs.jsonl"), """{"id":"n1","title":"Battery supplier","minTrl":4}""");
        File.WriteAllText(Path.Combine(_dir, "judgments.jsonl"), """{"needId":"n1","offerId":"o0","grade":2}""");

        var files = TrainingFiles.Read(Path.Combine(_dir, "offers.jsonl"), Path.Combine(_dir, "needs.jsonl"), Path.Combine(_dir, "judgments.jsonl"));

        Assert.Equal(["o0"], files.Offers.Select(o => o.Id));
        Assert.Equal(4, files.Needs[0].Facts.MinTrl);
        Assert.Equal(2, files.Judgments[0].Grade);
    }
}
