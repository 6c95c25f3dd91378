/* probe: opened by the e2e test's timing run; only the minimal extension reports on it. */
int probe_answer(void)
{
    return 42;
}
