import os

ORG = os.environ["CLERK_SEED_ORG"]
