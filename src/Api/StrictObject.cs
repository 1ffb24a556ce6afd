using System.Text.Json;

namespace Matching.Api;

/// <summary>
/// A JSON body read strictly, every problem at once: it must be an object, each field at most once and known.
/// Readers of small bodies (webhooks, feedback) take their fields from it and add their own rules' messages;
/// <see cref="Errors"/> then holds every problem by field, as the problem document lists them.
/// </summary>
internal sealed class StrictObject
{
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

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

    public bool HasErrors => _errors.Count > 0;

    public bool HasError(string field) => _errors.ContainsKey(field);

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
    public string? Text(string name, bool required)
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

        try
        {
            return e.GetString();
        }
        catch (InvalidOperationException)
        {
            Add(name, "must be valid Unicode text"); // an escaped lone surrogate
            return null;
        }
    }

    public Dictionary<string, string[]> Errors() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
