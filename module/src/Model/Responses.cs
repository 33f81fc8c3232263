using System.Collections.Generic;
using System.Net;

namespace Amazon.Runtime
{
    public class ResponseMetadata
    {
        public string RequestId { get; set; }
        public IDictionary<string, string> Metadata { get; } = new Dictionary<string, string>();
    }

    /// <summary>
    /// What every response carries besides its own members. Declared here, on the base class, so that
    /// -Select (which sees declared-only members of the concrete type) does not offer them, as in AWS.Tools.
    /// </summary>
    public abstract class AmazonWebServiceResponse
    {
        public ResponseMetadata ResponseMetadata { get; set; }
        public long ContentLength { get; set; }
        public HttpStatusCode HttpStatusCode { get; set; }
    }
}

namespace Amazon.CognitoIdentityProvider.Model
{
    using Amazon.Runtime;

    public class NewDeviceMetadataType
    {
        public string DeviceGroupKey { get; set; }
        public string DeviceKey { get; set; }
    }

    public class AuthenticationResultType
    {
        public string AccessToken { get; set; }
        public int? ExpiresIn { get; set; }
        public string IdToken { get; set; }
        public NewDeviceMetadataType NewDeviceMetadata { get; set; }
        public string RefreshToken { get; set; }
        public string TokenType { get; set; }
    }

    /// <summary>What both operations answer; lets one reader and one challenge loop serve both.</summary>
    public interface IAuthResponse
    {
        AuthenticationResultType AuthenticationResult { get; set; }
        /// <summary>The challenges a choice-based (USER_AUTH) sign-in offers; List&lt;string&gt; as in the AWS SDK for .NET.</summary>
        List<string> AvailableChallenges { get; set; }
        ChallengeNameType ChallengeName { get; set; }
        Dictionary<string, string> ChallengeParameters { get; set; }
        string Session { get; set; }
    }

    public class AdminInitiateAuthResponse : AmazonWebServiceResponse, IAuthResponse
    {
        public AuthenticationResultType AuthenticationResult { get; set; }
        public List<string> AvailableChallenges { get; set; }
        public ChallengeNameType ChallengeName { get; set; }
        public Dictionary<string, string> ChallengeParameters { get; set; }
        public string Session { get; set; }
    }

    public class AdminRespondToAuthChallengeResponse : AmazonWebServiceResponse, IAuthResponse
    {
        public AuthenticationResultType AuthenticationResult { get; set; }
        public List<string> AvailableChallenges { get; set; }
        public ChallengeNameType ChallengeName { get; set; }
        public Dictionary<string, string> ChallengeParameters { get; set; }
        public string Session { get; set; }
    }

    /// <summary>One header of ContextData; a hashtable @{HeaderName=..; HeaderValue=..} converts to it.</summary>
    public class HttpHeader
    {
        public string HeaderName { get; set; }
        public string HeaderValue { get; set; }
    }
}
