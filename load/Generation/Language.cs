namespace Matching.Load.Generation;

public enum Language
{
    Chinese,
    English,
}
