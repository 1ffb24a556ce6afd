using System.Text.Json;
using System.Text.Json.Serialization;

namespace Matching.Contracts;

/// <summary>Reads and writes <see cref="TransferModes"/> as API.md's array of names, e.g. <c>["license","equity"]</c>.</summary>
public sealed class TransferModesJsonConverter : JsonConverter<TransferModes>
{
    /// <inheritdoc />
    public override TransferModes Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("transferModes must be an array of strings");
        }

        var modes = TransferModes.None;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String || !TransferModeNames.TryParse(reader.GetString()!, out var mode))
            {
                throw new JsonException("transferModes items must be assignment, license, equity or codevelopment");
            }

            modes |= mode;
        }

        return modes;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TransferModes value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var name in TransferModeNames.ToNames(value))
        {
            writer.WriteStringValue(name);
        }

        writer.WriteEndArray();
    }
}
