using System.Resources;
using Microsoft.Extensions.Localization;

// The assembly is named "tiers" but its resources are named after the root namespace; the
// localizer factory needs to know, or every lookup falls back to the key.
[assembly: RootNamespace("TiersPayant")]

// French is the neutral language: French pages need no satellite assembly lookup.
[assembly: NeutralResourcesLanguage("fr")]
