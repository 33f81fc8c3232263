using System;
using System.Collections.Generic;
using System.IO;

namespace CognitoAdminAuth.Common
{
    /// <summary>
    /// Reads the shared AWS ini files (~/.aws/credentials and ~/.aws/config, or the files named by
    /// AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, or only -ProfileLocation when given), as AWS.Tools does.
    /// </summary>
    internal sealed class ProfileStore
    {
        private readonly List<Dictionary<string, Dictionary<string, string>>> _files = new List<Dictionary<string, Dictionary<string, string>>>();

        public ProfileStore(string profileLocation)
        {
            if (!string.IsNullOrEmpty(profileLocation))
            {
                _files.Add(Parse(profileLocation, isConfigFile: false));
                return;
            }
            var home = Environment.GetEnvironmentVariable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var aws = Path.Combine(home ?? ".", ".aws");
            _files.Add(Parse(Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE") ?? Path.Combine(aws, "credentials"), false));
            _files.Add(Parse(Environment.GetEnvironmentVariable("AWS_CONFIG_FILE") ?? Path.Combine(aws, "config"), true));
        }

        /// <summary>A profile's settings, the credentials file winning over the config file per key.</summary>
        public IReadOnlyDictionary<string, string> Find(string profile)
        {
            Dictionary<string, string> merged = null;
            foreach (var file in _files)
            {
                if (!file.TryGetValue(profile, out var section)) continue;
                merged = merged ?? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var kv in section)
                    if (!merged.ContainsKey(kv.Key)) merged[kv.Key] = kv.Value;
            }
            return merged;
        }

        private static Dictionary<string, Dictionary<string, string>> Parse(string path, bool isConfigFile)
        {
            var profiles = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
            if (!File.Exists(path)) return profiles;
            Dictionary<string, string> current = null;
            foreach (var raw in File.ReadAllLines(path))
            {
                var line = raw.Trim();
                if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;
                if (line[0] == '[' && line[line.Length - 1] == ']')
                {
                    var name = line.Substring(1, line.Length - 2).Trim();
                    // The config file names non-default profiles "profile NAME".
                    if (isConfigFile && name.StartsWith("profile ", StringComparison.Ordinal)) name = name.Substring(8).Trim();
                    if (!profiles.TryGetValue(name, out current))
                        profiles[name] = current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    continue;
                }
                var eq = line.IndexOf('=');
                if (current != null && eq > 0)
                    current[line.Substring(0, eq).Trim()] = line.Substring(eq + 1).Trim();
            }
            return profiles;
        }
    }
}
