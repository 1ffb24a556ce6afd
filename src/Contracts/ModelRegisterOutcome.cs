namespace Matching.Contracts;

/// <summary>What registering a model file did.</summary>
[GenerateSerializer]
public enum ModelRegisterOutcome : byte
{
    /// <summary>The file was valid and is stored.</summary>
    Registered = 0,
    /// <summary>The file cannot serve; <see cref="ModelRegistration.Error"/> says why.</summary>
    Invalid = 1,
    /// <summary>Its version is already registered (or is the bundled default's); versions are never replaced.</summary>
    Duplicate = 2,
}
