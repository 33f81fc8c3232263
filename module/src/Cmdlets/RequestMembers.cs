using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Amazon.CognitoIdentityProvider.Model;
using CognitoAdminAuth.Common;

namespace CognitoAdminAuth.Cmdlets
{
    /// <summary>Builds request members the AWS.Tools way (spec §1.5): only non-null values, flattened structures rebuilt.</summary>
    internal sealed class RequestMembers
    {
        public Dictionary<string, object> Values { get; } = new Dictionary<string, object>();

        public RequestMembers Add(string name, object value)
        {
            if (value != null) Values[name] = value;
            return this;
        }

        public RequestMembers AddMap(string name, IDictionary table, string parameterName) =>
            Add(name, StringMaps.FromHashtable(table, parameterName));

        /// <summary>Adds one entry to a map member unless the caller's map already has that key.</summary>
        public RequestMembers AddToMap(string name, string key, string value)
        {
            if (value == null) return this;
            if (!Values.TryGetValue(name, out var existing)) Values[name] = existing = new Dictionary<string, string>();
            var map = (Dictionary<string, string>)existing;
            if (!map.ContainsKey(key)) map[key] = value;
            return this;
        }

        public RequestMembers AddAnalytics(string endpointId) =>
            Add("AnalyticsMetadata", endpointId == null ? null : new Dictionary<string, object> { ["AnalyticsEndpointId"] = endpointId });

        /// <summary>ContextData exists when any of its parts was given, with just those parts.</summary>
        public RequestMembers AddContextData(string encodedData, HttpHeader[] headers, string ipAddress, string serverName, string serverPath)
        {
            if (encodedData == null && headers == null && ipAddress == null && serverName == null && serverPath == null) return this;
            var context = new RequestMembers()
                .Add("EncodedData", encodedData)
                .Add("HttpHeaders", headers?.Select(h => new Dictionary<string, string> { ["headerName"] = h?.HeaderName, ["headerValue"] = h?.HeaderValue }).ToList())
                .Add("IpAddress", ipAddress)
                .Add("ServerName", serverName)
                .Add("ServerPath", serverPath);
            return Add("ContextData", context.Values);
        }
    }
}
