using System;
using System.Collections;
using System.Collections.Generic;

namespace CognitoAdminAuth.Common
{
    /// <summary>
    /// The environment variables the AWS SDK reads, as the script sees them (captured as a pipeline starts). .NET
    /// on Unix keeps $env: changes to itself (the process environment the native library could read never
    /// changes), so each call passes these explicitly; see docs/credentials.md.
    /// </summary>
    internal static class ScriptEnvironment
    {
        /// <summary>Besides every AWS_* variable: where ~ is (profile files, the SSO token cache) and the proxy.</summary>
        private static readonly HashSet<string> Names = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "HOME", "USERPROFILE", "HOMEDRIVE", "HOMEPATH", "HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY",
        };

        public static Dictionary<string, string> Capture()
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
            {
                var name = (string)e.Key;
                if (name.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase) || Names.Contains(name))
                    map[name] = e.Value as string ?? string.Empty;
            }
            return map;
        }
    }
}
