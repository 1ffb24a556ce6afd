using System.Text.Encodings.Web;
using System.Text.Json;
using Matching.Contracts;

namespace Matching.Load.Generation;

/// <summary>
/// Writes API.md's training files (JSON Lines, UTF-8) one object a line, straight to a buffered file.
/// Chinese stays readable (relaxed escaping); absent optional fields are left out.
/// </summary>
public sealed class JsonLinesWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FileStream _file;
    private readonly Utf8JsonWriter _json;

    public JsonLinesWriter(string path)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1 << 20);
        _json = new Utf8JsonWriter(_file, Options);
    }

    public long Lines { get; private set; }

    /// <summary>Bytes written so far.</summary>
    public long Bytes => _file.Position;

    public void Write(string id, OfferData offer)
    {
        _json.WriteStartObject();
        _json.WriteString("id", id);
        _json.WriteString("title", offer.Title);
        WriteOptional("description", offer.Description);
        WriteKeywords(offer.Keywords);
        WriteOptional("field", offer.Field);
        WriteOptional("country", offer.Country);
        if (offer.Trl is int trl)
        {
            _json.WriteNumber("trl", trl);
        }

        WriteModes(offer.TransferModes);
        WriteOptional("owner", offer.Owner);
        _json.WriteEndObject();
        EndLine();
    }

    public void Write(string id, NeedData need)
    {
        _json.WriteStartObject();
        _json.WriteString("id", id);
        _json.WriteString("title", need.Title);
        WriteOptional("description", need.Description);
        WriteKeywords(need.Keywords);
        WriteOptional("industry", need.Industry);
        WriteOptional("country", need.Country);
        if (need.MinTrl is int minTrl)
        {
            _json.WriteNumber("minTrl", minTrl);
        }

        WriteModes(need.TransferModes);
        _json.WriteBoolean("acceptForeign", need.AcceptForeign);
        _json.WriteEndObject();
        EndLine();
    }

    public void Write(Judgment judgment)
    {
        _json.WriteStartObject();
        _json.WriteString("needId", judgment.NeedId);
        _json.WriteString("offerId", judgment.OfferId);
        _json.WriteNumber("grade", judgment.Grade);
        _json.WriteEndObject();
        EndLine();
    }

    public void Dispose()
    {
        _json.Dispose();
        _file.Dispose();
    }

    private void WriteOptional(string name, string? value)
    {
        if (value is not null)
        {
            _json.WriteString(name, value);
        }
    }

    private void WriteKeywords(string[] keywords)
    {
        _json.WriteStartArray("keywords");
        foreach (var keyword in keywords)
        {
            _json.WriteStringValue(keyword);
        }

        _json.WriteEndArray();
    }

    private void WriteModes(TransferModes modes)
    {
        if (modes == TransferModes.None)
        {
            return;
        }

        _json.WriteStartArray("transferModes");
        foreach (var name in TransferModeNames.ToNames(modes))
        {
            _json.WriteStringValue(name);
        }

        _json.WriteEndArray();
    }

    private void EndLine()
    {
        _json.Flush();
        _file.WriteByte((byte)'\n');
        _json.Reset();
        Lines++;
    }
}
