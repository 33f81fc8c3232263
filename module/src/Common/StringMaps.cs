using System;
using System.Collections;
using System.Collections.Generic;

namespace CognitoAdminAuth.Common
{
    /// <summary>
    /// Hashtable → string map as AWS.Tools does it (spec §6.3): keys and values must already be strings
    /// (no PowerShell conversion), a $null value stays null, keys compare ordinally. A string that merely
    /// travelled through the pipeline (wrapped in a PSObject, e.g. a cmdlet's output in a variable) is still a
    /// string here; AWS.Tools' plain cast would refuse it, which helps nobody.
    /// </summary>
    internal static class StringMaps
    {
        public static Dictionary<string, string> FromHashtable(IDictionary table, string parameterName)
        {
            if (table == null) return null;
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in table)
            {
                var key = Unwrap(entry.Key) as string ?? throw NotAString(parameterName, "key", entry.Key, null);
                var value = Unwrap(entry.Value);
                if (value != null && !(value is string))
                    throw NotAString(parameterName, "value", value, key);
                map[key] = (string)value;
            }
            return map;
        }

        /// <summary>The map with <paramref name="key"/> added unless it has one (made if there is none); a null value adds nothing.</summary>
        public static Dictionary<string, string> WithEntry(Dictionary<string, string> map, string key, string value)
        {
            if (value == null) return map;
            map = map ?? new Dictionary<string, string>(StringComparer.Ordinal);
            if (!map.ContainsKey(key)) map[key] = value;
            return map;
        }

        private static object Unwrap(object o) => o is System.Management.Automation.PSObject ps && ps.BaseObject is string s ? s : o;

        /// <summary>
        /// The runtime's own cast message, as AWS.Tools raises it; which key of which parameter is carried in
        /// Data["RecommendedAction"] for the error record. Neither quotes the value: it is often a password.
        /// </summary>
        private static InvalidCastException NotAString(string parameter, string what, object value, string key)
        {
            var e = new InvalidCastException($"Unable to cast object of type '{value.GetType()}' to type 'System.String'.");
            e.Data[RecommendedActionKey] =
                $"Pass a string as the {what} {(key != null ? $"of key '{key}' " : string.Empty)}in -{parameter}, e.g. \"$x\" or $x.ToString(). Nothing was sent.";
            return e;
        }

        public const string RecommendedActionKey = "RecommendedAction";
    }
}
