import braces_per_arm as b

assert b.ARMS == 2
