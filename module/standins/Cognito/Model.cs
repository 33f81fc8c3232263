using System.Collections.Generic;

namespace Amazon.CognitoIdentityProvider.Model
{
    using Amazon.Runtime;

    // Stand-ins for the SDK's model types the module's operations use, loaded only where the session has no
    // AWSSDK.CognitoIdentityProvider; same names and members as the SDK's (V4 SDK: value members nullable).

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

    public class AdminInitiateAuthResponse : AmazonWebServiceResponse
    {
        public AuthenticationResultType AuthenticationResult { get; set; }
        public List<string> AvailableChallenges { get; set; }
        public ChallengeNameType ChallengeName { get; set; }
        public Dictionary<string, string> ChallengeParameters { get; set; }
        public string Session { get; set; }
    }

    public class AdminRespondToAuthChallengeResponse : AmazonWebServiceResponse
    {
        public AuthenticationResultType AuthenticationResult { get; set; }
        public List<string> AvailableChallenges { get; set; }
        public ChallengeNameType ChallengeName { get; set; }
        public Dictionary<string, string> ChallengeParameters { get; set; }
        public string Session { get; set; }
    }

    public class AssociateSoftwareTokenResponse : AmazonWebServiceResponse
    {
        public string SecretCode { get; set; }
        public string Session { get; set; }
    }

    public class VerifySoftwareTokenResponse : AmazonWebServiceResponse
    {
        public string Session { get; set; }
        public VerifySoftwareTokenResponseType Status { get; set; }
    }

    public class GetTokensFromRefreshTokenResponse : AmazonWebServiceResponse
    {
        public AuthenticationResultType AuthenticationResult { get; set; }
    }

    public class RevokeTokenResponse : AmazonWebServiceResponse { }

    public class AdminUserGlobalSignOutResponse : AmazonWebServiceResponse { }

    /// <summary>One header of ContextData; a hashtable @{HeaderName=..; HeaderValue=..} converts to it.</summary>
    public class HttpHeader
    {
        public string HeaderName { get; set; }
        public string HeaderValue { get; set; }
    }
}
