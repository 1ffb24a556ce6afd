using System.Text.Json;

namespace Matching.Contracts.Input;

/// <summary>
/// A JSON object read strictly, every problem at once: it must be an object, each field at most once and known,
/// each of the type asked for. Readers take their fields from it and add their own rules' messages;
/// <see cref="Errors"/> then holds every problem by field, as the problem document lists them.
/// </summary>
public sealed class StrictObject
{
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>Reads the fields of <paramref name="json"/>; a field not in <paramref name="known"/> is an error.</summary>
    public StrictObject(JsonElement json, IReadOnlyCollection<string> known)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            Add("$", "must be a JSON object");
            return;
        }

        foreach (var property in json.EnumerateObject())
        {
            if (!_fields.TryAdd(property.Name, property.Value))
            {
                Add(property.Name, "appears more than once");
            }
            else if (!known.Contains(property.Name))
            {
                Add(property.Name, "is not a known field");
            }
        }
    }

    /// <summary>False when the body was not an object: nothing else was read.</summary>
    public bool IsObject => !_errors.ContainsKey("$");

    /// <summary>Whether any problem was found so far.</summary>
    public bool HasErrors => _errors.Count > 0;

    /// <summary>Whether <paramref name="field"/> has a problem already.</summary>
    public bool HasError(string field) => _errors.ContainsKey(field);

    /// <summary>Whether the field is present, even as null.</summary>
    public bool Has(string name) => _fields.ContainsKey(name);

    /// <summary>Records a problem of <paramref name="field"/>.</summary>
    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>The field's value when it is present and not null.</summary>
    public bool TryGet(string name, out JsonElement value) =>
        _fields.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>A string field; null (and a message) when it is missing but required, not a string, or not valid text.</summary>
    public string? Text(string name, bool required = false)
    {
        if (!TryGet(name, out var e))
        {
            if (required)
            {
                Add(name, "is required");
            }

            return null;
        }

        if (e.ValueKind != JsonValueKind.String)
        {
            Add(name, "must be a string");
            return null;
        }

        return Text(name, e);
    }

    /// <summary>An integer field, null when absent or null; a message when it is not a 32-bit integer.</summary>
    public int? Int(string name)
    {
        if (!TryGet(name, out var e))
        {
            return null;
        }

        if (e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var value))
        {
            return value;
        }

        Add(name, "must be an integer");
        return null;
    }

    /// <summary>A true/false field, null when absent or null.</summary>
    public bool? Bool(string name)
    {
        if (!TryGet(name, out var e))
        {
            return null;
        }

        if (e.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return e.GetBoolean();
        }

        Add(name, "must be true or false");
        return null;
    }

    /// <summary>An array of strings, null when absent or null, or when any element is not a string.</summary>
    public string[]? Strings(string name)
    {
        if (!TryGet(name, out var e))
        {
            return null;
        }

        if (e.ValueKind != JsonValueKind.Array)
        {
            Add(name, "must be an array of strings");
            return null;
        }

        var items = new List<string>(e.GetArrayLength());
        foreach (var item in e.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                Add(name, "must be an array of strings");
                return null;
            }

            if (Text(name, item) is not { } text)
            {
                return null;
            }

            items.Add(text);
        }

        return [.. items];
    }

    /// <summary>Every problem by field.</summary>
    public Dictionary<string, string[]> Errors() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>A JSON string as text; an escaped lone surrogate (<c>"\ud800"</c>) is not text and is refused.</summary>
    private string? Text(string name, JsonElement e)
    {
        try
        {
            return e.GetString();
        }
        catch (InvalidOperationException)
        {
            Add(name, "must be valid Unicode text");
            return null;
        }
    }
}
