"""The 检查任务 job: the inspector's task list, the inspection form, follow-up and plan drawing."""
