#include <stdio.h>

int main(void) {
    puts("Hello from a Cairn build");
    return 0;
}
