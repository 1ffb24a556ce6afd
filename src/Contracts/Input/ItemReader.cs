using System.Text.Json;

namespace Matching.Contracts.Input;

/// <summary>
/// Reads offers and needs from JSON strictly (<see cref="StrictObject"/>) and reports every problem by field name
/// at once, so that a portal fixes all of them in one round. The field rules themselves (lengths, ranges, codes) are
/// <see cref="ItemRules"/>'. The API, the CLI's training files and the load tool read items only through here.
/// </summary>
public static class ItemReader
{
    private static readonly string[] OfferFields = ["title", "description", "keywords", "field", "country", "trl", "transferModes", "owner"];
    private static readonly string[] NeedFields = ["title", "description", "keywords", "industry", "country", "minTrl", "transferModes", "acceptForeign", "confidential"];

    /// <summary>Whether the object carries an <c>id</c> (batch items, training files) or must not (PUT bodies, ad-hoc needs).</summary>
    public enum IdRule
    {
        /// <summary>An <c>id</c> field is an unknown field.</summary>
        Forbidden,

        /// <summary>An <c>id</c> field is required and must be a valid id.</summary>
        Required,
    }

    /// <summary>The offer and its id (when <paramref name="id"/> requires one), normalized; or null and every problem.</summary>
    public static (string? Id, OfferData? Offer, Dictionary<string, string[]> Errors) ReadOffer(JsonElement json, IdRule id)
    {
        var body = new StrictObject(json, Known(OfferFields, id));
        var offer = body.IsObject ? new OfferData
        {
            Title = body.Text("title") ?? "",
            Description = body.Text("description"),
            Keywords = body.Strings("keywords") ?? [],
            Field = body.Text("field"),
            Country = body.Text("country"),
            Trl = body.Int("trl"),
            TransferModes = Modes(body, "transferModes"),
            Owner = body.Text("owner"),
        } : null;
        return Finish(body, id, offer, ItemRules.Validate);
    }

    /// <summary>The need and its id (when <paramref name="id"/> requires one), normalized; or null and every problem.</summary>
    public static (string? Id, NeedData? Need, Dictionary<string, string[]> Errors) ReadNeed(JsonElement json, IdRule id)
    {
        var body = new StrictObject(json, Known(NeedFields, id));
        var need = body.IsObject ? new NeedData
        {
            Title = body.Text("title") ?? "",
            Description = body.Text("description"),
            Keywords = body.Strings("keywords") ?? [],
            Industry = body.Text("industry"),
            Country = body.Text("country"),
            MinTrl = body.Int("minTrl"),
            TransferModes = Modes(body, "transferModes"),
            AcceptForeign = body.Bool("acceptForeign") ?? true,
            Confidential = body.Bool("confidential") ?? false,
        } : null;
        return Finish(body, id, need, ItemRules.Validate);
    }

    private static string[] Known(string[] fields, IdRule id) => id == IdRule.Required ? [.. fields, "id"] : fields;

    private static (string? Id, T? Item, Dictionary<string, string[]> Errors) Finish<T>(
        StrictObject body, IdRule idRule, T? item, Func<T, (T, Dictionary<string, string[]>)> validate) where T : class
    {
        string? id = null;
        if (body.IsObject && idRule == IdRule.Required)
        {
            if (!body.Has("id"))
            {
                body.Add("id", "is required");
            }
            else
            {
                // Any id that is not a valid one gets the id rule's message, whatever its JSON type.
                id = body.TryGet("id", out var e) && e.ValueKind == JsonValueKind.String ? body.Text("id") : null;
                if (!ItemRules.IsValidId(id))
                {
                    body.Add("id", ItemRules.IdMessage);
                }
            }
        }

        if (item is null)
        {
            return (id, null, body.Errors());
        }

        // Rule checks run on what could be read, so every problem is reported at once; a field that was of the
        // wrong type keeps only that message.
        var (normalized, ruleErrors) = validate(item);
        foreach (var (field, messages) in ruleErrors)
        {
            if (!body.HasError(field))
            {
                foreach (var message in messages)
                {
                    body.Add(field, message);
                }
            }
        }

        return body.HasErrors ? (id, null, body.Errors()) : (id, normalized, []);
    }

    private static TransferModes Modes(StrictObject body, string name)
    {
        var modes = TransferModes.None;
        foreach (var mode in body.Strings(name) ?? [])
        {
            if (TransferModeNames.TryParse(mode, out var m))
            {
                modes |= m;
            }
            else
            {
                body.Add(name, $"'{mode}' is not one of assignment, license, equity, codevelopment");
            }
        }

        return modes;
    }
}
