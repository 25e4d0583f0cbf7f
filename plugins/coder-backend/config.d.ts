export interface Config {
  /** Coder, where users' GPU dev workspaces run. Without this section the cards say so. */
  coder?: {
    /** Coder's address, e.g. https://coder.example.com. */
    baseUrl: string;
    /**
     * 32 random bytes in base64 (`openssl rand -base64 32`) that encrypt users' Coder tokens at
     * rest. Changing it makes every user connect again.
     * @visibility secret
     */
    tokenEncryptionKey: string;
    /** Organization (name or id) for new workspaces; the user's default one when absent. */
    organization?: string;
    /**
     * A Coder admin token, reserved for read-only listing; users always act with their own.
     * @visibility secret
     */
    adminToken?: string;
    /** Names of the template parameters the portal fills in. */
    parameters?: {
      /** Default repo_url. */
      repoUrl?: string;
      /** Default gpu_count. */
      gpuCount?: string;
    };
    /** Hours before Coder stops a workspace; also what a budget check reserves (default 8). */
    workspaceHours?: number;
    /** The quota resource workspace GPUs count against (default nvidia.com/gpu). */
    gpuResource?: string;
    /** How long a call to Coder may take, in seconds (default 15). */
    timeoutSeconds?: number;
  };
}
