/** API shapes the page reads (a subset). */
export interface Job {
  id: number;
  failure_classification_id: number;
  job_group_name: string;
  job_group_symbol: string;
  job_type_name: string;
  job_type_symbol: string;
  last_modified: string;
  platform: string;
  push_id: number;
  push_revision: string;
  result: string;
  signature: string;
  state: string;
  tier: number;
  task_id: string;
  retry_id: number;
  duration: number;
  platform_option: string;
}

export interface Revision {
  revision: string;
  author: string;
  comments: string;
}

export interface Push {
  id: number;
  revision: string;
  author: string;
  revisions: Revision[];
  revision_count: number;
  push_timestamp: number;
}

export interface Repo {
  id: number;
  name: string;
  url: string;
  tc_root_url: string;
  is_try_repo: boolean;
}
