using System.Text.Json;
using Matching.Contracts;

namespace Matching.Api;

/// <summary>
/// Reads offers and needs from JSON strictly: every field checked for its type, unknown and repeated fields
/// refused, and every problem reported by field name at once (a portal fixes all of them in one round).
/// The field rules themselves (lengths, ranges, codes) are <see cref="ItemRules"/>'.
/// </summary>
public static class ItemReader
{
    private static readonly HashSet<string> OfferFields = ["title", "description", "keywords", "field", "country", "trl", "transferModes", "owner"];
    private static readonly HashSet<string> NeedFields = ["title", "description", "keywords", "industry", "country", "minTrl", "transferModes", "acceptForeign"];

    /// <summary>Whether the object carries an <c>id</c> (batch items) or must not (PUT bodies, ad-hoc needs).</summary>
    public enum IdRule
    {
        Forbidden,
        Required,
    }

    public static (string? Id, OfferData? Offer, Dictionary<string, string[]> Errors) ReadOffer(JsonElement json, IdRule id)
    {
        var r = new Reader(json, OfferFields, id);
        var offer = r.Ok ? new OfferData
        {
            Title = r.String("title") ?? "",
            Description = r.String("description"),
            Keywords = r.Strings("keywords") ?? [],
            Field = r.String("field"),
            Country = r.String("country"),
            Trl = r.Int("trl"),
            TransferModes = r.Modes("transferModes"),
            Owner = r.String("owner"),
        } : null;
        return Finish(r, offer, ItemRules.Validate);
    }

    public static (string? Id, NeedData? Need, Dictionary<string, string[]> Errors) ReadNeed(JsonElement json, IdRule id)
    {
        var r = new Reader(json, NeedFields, id);
        var need = r.Ok ? new NeedData
        {
            Title = r.String("title") ?? "",
            Description = r.String("description"),
            Keywords = r.Strings("keywords") ?? [],
            Industry = r.String("industry"),
            Country = r.String("country"),
            MinTrl = r.Int("minTrl"),
            TransferModes = r.Modes("transferModes"),
            AcceptForeign = r.Bool("acceptForeign") ?? true,
        } : null;
        return Finish(r, need, ItemRules.Validate);
    }

    private static (string? Id, T? Item, Dictionary<string, string[]> Errors) Finish<T>(
        Reader r, T? item, Func<T, (T, Dictionary<string, string[]>)> validate) where T : class
    {
        if (item is null)
        {
            return (r.Id, null, r.Errors.ToDictionary(x => x.Key, x => x.Value.ToArray()));
        }

        // Rule checks run on what could be read, so every problem is reported at once; a field that was of the
        // wrong type keeps only that message.
        var (normalized, ruleErrors) = validate(item);
        var errors = r.Errors.ToDictionary(x => x.Key, x => x.Value.ToArray());
        foreach (var (field, messages) in ruleErrors)
        {
            errors.TryAdd(field, messages);
        }

        return errors.Count > 0 ? (r.Id, null, errors) : (r.Id, normalized, errors);
    }

    private sealed class Reader
    {
        private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);

        public Reader(JsonElement json, HashSet<string> known, IdRule idRule)
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                Add("$", "must be a JSON object");
                Ok = false;
                return;
            }

            foreach (var property in json.EnumerateObject())
            {
                if (!_fields.TryAdd(property.Name, property.Value))
                {
                    Add(property.Name, "appears more than once");
                }
                else if (property.Name == "id" && idRule == IdRule.Required)
                {
                    Id = property.Value.ValueKind == JsonValueKind.String ? Text("id", property.Value) : null;
                    if (!ItemRules.IsValidId(Id))
                    {
                        Add("id", ItemRules.IdMessage);
                    }
                }
                else if (!known.Contains(property.Name))
                {
                    Add(property.Name, "is not a known field");
                }
            }

            if (idRule == IdRule.Required && !_fields.ContainsKey("id"))
            {
                Add("id", "is required");
            }
        }

        public bool Ok { get; } = true;

        public string? Id { get; }

        public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

        public string? String(string name) => Get(name, JsonValueKind.String, "must be a string") is { } e ? Text(name, e) : null;

        public int? Int(string name)
        {
            if (Get(name, JsonValueKind.Number, "must be an integer") is not { } e)
            {
                return null;
            }

            if (e.TryGetInt32(out var value))
            {
                return value;
            }

            Add(name, "must be an integer");
            return null;
        }

        public bool? Bool(string name)
        {
            if (!_fields.TryGetValue(name, out var e) || e.ValueKind == JsonValueKind.Null)
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

        public string[]? Strings(string name)
        {
            if (Get(name, JsonValueKind.Array, "must be an array of strings") is not { } e)
            {
                return null;
            }

            var items = new List<string>();
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

            return items.ToArray();
        }

        public TransferModes Modes(string name)
        {
            var modes = TransferModes.None;
            foreach (var mode in Strings(name) ?? [])
            {
                if (TransferModeNames.TryParse(mode, out var m))
                {
                    modes |= m;
                }
                else
                {
                    Add(name, $"'{mode}' is not one of assignment, license, equity, codevelopment");
                }
            }

            return modes;
        }

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

        /// <summary>The field's value when present, not null and of the kind wanted; an error when of another kind.</summary>
        private JsonElement? Get(string name, JsonValueKind kind, string message)
        {
            if (!_fields.TryGetValue(name, out var e) || e.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (e.ValueKind == kind)
            {
                return e;
            }

            Add(name, message);
            return null;
        }

        private void Add(string field, string message)
        {
            if (!Errors.TryGetValue(field, out var list))
            {
                Errors[field] = list = [];
            }

            list.Add(message);
        }
    }
}
