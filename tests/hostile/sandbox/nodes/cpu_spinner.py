# A CPU spinner: four processes that never sleep.
import os

from common import serve_in_background, wait_for_go

serve_in_background()
wait_for_go()
for _ in range(3):
    if os.fork() == 0:
        break
while True:
    pass
