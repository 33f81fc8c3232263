using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Amazon.CognitoIdentityProvider.Model;

namespace CognitoAdminAuth.History
{
    /// <summary>
    /// The copies $AWSHistory keeps: members the API model marks sensitive are left out unless the user
    /// asked for them (Set-AWSHistoryConfiguration -IncludeSensitiveData).
    /// </summary>
    internal static class Redaction
    {
        private static readonly HashSet<string> SensitiveRequestMembers = new HashSet<string> { "ClientId", "AuthParameters", "ChallengeResponses", "Session" };

        public static object Response(object response, bool includeSensitive)
        {
            if (includeSensitive || !(response is IAuthResponse r)) return response;
            var copy = (IAuthResponse)System.Activator.CreateInstance(response.GetType());
            copy.ChallengeName = r.ChallengeName;
            copy.ChallengeParameters = r.ChallengeParameters;
            copy.AuthenticationResult = r.AuthenticationResult == null ? null : new AuthenticationResultType
            {
                ExpiresIn = r.AuthenticationResult.ExpiresIn,
                TokenType = r.AuthenticationResult.TokenType,
                NewDeviceMetadata = r.AuthenticationResult.NewDeviceMetadata,
            };
            copy.AvailableChallenges = r.AvailableChallenges;
            var web = (Amazon.Runtime.AmazonWebServiceResponse)response;
            var webCopy = (Amazon.Runtime.AmazonWebServiceResponse)copy;
            webCopy.ResponseMetadata = web.ResponseMetadata;
            webCopy.HttpStatusCode = web.HttpStatusCode;
            return copy;
        }

        public static PSObject Request(string operation, IDictionary<string, object> input, bool includeSensitive)
        {
            var o = new PSObject();
            o.Properties.Add(new PSNoteProperty("Operation", operation));
            foreach (var kv in input.Where(kv => includeSensitive || !SensitiveRequestMembers.Contains(kv.Key)))
                o.Properties.Add(new PSNoteProperty(kv.Key, kv.Value));
            return o;
        }
    }
}
