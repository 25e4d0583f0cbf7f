export interface Config {
  permission?: {
    /**
     * Groups whose members may administer the portal (register/unregister catalog locations,
     * delete entities, run every template). Everyone else reads and uses self-service.
     */
    adminGroups?: string[];
  };
}
